package dev.braid.deferred.internal.access;

/**
 * A Deferred's state for diagnostics (defer-trace, Trial, benchmarks), in JDK
 * types only so that this package depends on nothing of Braid's; the
 * Deferred's package implements it, {@code dev.braid.deferred.internal.DeferredInternals}
 * gives it back typed. Internal: may change at any time.
 *
 * @param <D> the Deferred
 */
public interface DeferredAccess<D> {
    /**
     * Returns how many (callback, errback) pairs are still queued, Braid's own included.
     *
     * @param deferred the Deferred
     * @return the number of queued pairs
     */
    int pendingCallbackCount(D deferred);

    /**
     * Returns the pause counter (Twisted's {@code paused}).
     *
     * @param deferred the Deferred
     * @return the counter; negative after an unmatched unpause
     */
    int pausedCount(D deferred);

    /**
     * Returns the current result: a value, a failure, the Deferred this one
     * waits on, or {@code null} when it has not fired.
     *
     * @param deferred the Deferred
     * @return the current result
     */
    Object currentResult(D deferred);
}
