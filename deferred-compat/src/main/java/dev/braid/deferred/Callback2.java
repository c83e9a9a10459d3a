package dev.braid.deferred;

/**
 * A {@link Callback} that also takes one extra argument, as Twisted's
 * {@code addCallback(f, *args)} passes extra arguments <em>after</em> the
 * result: {@code f(result, arg)}.
 *
 * <pre>{@code
 * d.addCallback((poem, name) -> name + ": " + poem, "ecstasy");
 * }</pre>
 *
 * @param <T> the type of the result received
 * @param <A> the type of the extra argument
 * @param <R> the type of the result returned
 */
@FunctionalInterface
public interface Callback2<T, A, R> {
    /**
     * Computes the next result of the chain.
     *
     * @param result the current result (for an errback, the {@link Failure})
     * @param arg the extra argument given when the callback was added
     * @return the next result
     * @throws Exception to put the chain on its errback side
     */
    R call(T result, A arg) throws Exception;
}
