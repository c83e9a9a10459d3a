package dev.braid.deferred.threads;

import dev.braid.deferred.Failure;
import java.util.function.Function;

/**
 * A blocking function of one argument that may throw any exception. It is a
 * {@link Function} too, so {@link InThread#inThread(BlockingFunction)} takes
 * lambdas that throw checked exceptions while
 * {@link InThread#inThread(Function)} takes existing Functions.
 *
 * <pre>{@code
 * BlockingFunction<Path, String> read = Files::readString;
 * }</pre>
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface BlockingFunction<A, R> extends Function<A, R> {
    /**
     * Runs the function.
     *
     * @param argument its argument
     * @return its result
     * @throws Exception whatever the function throws
     */
    R call(A argument) throws Exception;

    /**
     * Runs the function as a {@link Function}; a checked exception is thrown
     * as it is, undeclared.
     *
     * @param argument its argument
     * @return its result
     */
    @Override
    default R apply(A argument) {
        try {
            return call(argument);
        } catch (Exception e) {
            return new Failure(e).raiseException();
        }
    }
}
