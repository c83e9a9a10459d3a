package dev.braid.deferred;

/**
 * Stops the work behind a {@link Deferred} when someone calls
 * {@link Deferred#cancel()} (Twisted's {@code Deferred(canceller)}).
 *
 * <p>The canceller receives the Deferred itself. It may fire it (that result
 * stands); if it leaves it unfired, the Deferred errbacks with
 * {@link CancelledError}. An exception thrown by the canceller propagates out of
 * {@code cancel()} and leaves the Deferred unfired, as in Twisted.
 *
 * @param <T> the Deferred's result type
 */
@FunctionalInterface
public interface Canceller<T> {
    /**
     * Stops the work that would fire {@code deferred}.
     *
     * @param deferred the Deferred being cancelled
     */
    void cancel(Deferred<T> deferred);
}
