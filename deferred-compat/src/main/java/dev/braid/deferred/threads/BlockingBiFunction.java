package dev.braid.deferred.threads;

import dev.braid.deferred.Failure;
import java.util.function.BiFunction;

/**
 * A blocking function of two arguments that may throw any exception; a
 * {@link BiFunction} too (see {@link BlockingFunction}).
 *
 * <pre>{@code
 * BlockingBiFunction<Path, String, Path> write = Files::writeString;
 * }</pre>
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface BlockingBiFunction<A, B, R> extends BiFunction<A, B, R> {
    /**
     * Runs the function.
     *
     * @param first the first argument
     * @param second the second argument
     * @return its result
     * @throws Exception whatever the function throws
     */
    R call(A first, B second) throws Exception;

    /**
     * Runs the function as a {@link BiFunction}; a checked exception is
     * thrown as it is, undeclared.
     *
     * @param first the first argument
     * @param second the second argument
     * @return its result
     */
    @Override
    default R apply(A first, B second) {
        try {
            return call(first, second);
        } catch (Exception e) {
            return new Failure(e).raiseException();
        }
    }
}
