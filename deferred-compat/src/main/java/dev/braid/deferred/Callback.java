package dev.braid.deferred;

/**
 * A function in a {@link Deferred}'s chain: it receives the current result and
 * returns the next one.
 *
 * <p>Twisted's callbacks are plain callables; this interface differs only in
 * being typed and in letting the body throw checked exceptions. Whatever the
 * body throws becomes a {@link Failure} and moves the chain to its errback side.
 * Returning a {@link Failure} does the same without a throw; returning a
 * {@link Deferred} pauses the chain until that Deferred fires.
 *
 * <pre>{@code
 * d.addCallback(page -> page.toUpperCase());
 * }</pre>
 *
 * @param <T> the type of the result received
 * @param <R> the type of the result returned
 */
@FunctionalInterface
public interface Callback<T, R> {
    /**
     * Computes the next result of the chain.
     *
     * @param result the current result (for an errback, the {@link Failure})
     * @return the next result
     * @throws Exception to put the chain on its errback side
     */
    R call(T result) throws Exception;
}
