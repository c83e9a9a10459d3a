package dev.braid.deferred.threads;

import dev.braid.deferred.Failure;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A blocking function of no argument that may throw any exception. It is both
 * a {@link Callable} and a {@link Supplier}, so a lambda given to
 * {@link InThread#inThread(BlockingCall)} is never ambiguous and may throw
 * checked exceptions.
 *
 * <pre>{@code
 * BlockingCall<String> read = () -> Files.readString(path);
 * }</pre>
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface BlockingCall<T> extends Callable<T>, Supplier<T> {
    /**
     * Runs the function.
     *
     * @return its result
     * @throws Exception whatever the function throws
     */
    @Override
    T call() throws Exception;

    /**
     * Runs the function as a {@link Supplier}; a checked exception is thrown
     * as it is, undeclared.
     *
     * @return its result
     */
    @Override
    default T get() {
        try {
            return call();
        } catch (Exception e) {
            return new Failure(e).raiseException();
        }
    }
}
