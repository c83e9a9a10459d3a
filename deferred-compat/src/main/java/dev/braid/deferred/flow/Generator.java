package dev.braid.deferred.flow;

/**
 * The body of a generator stage, written as straight-line code that yields
 * values: Java's form of a Python generator function used with
 * {@code twisted.flow}. See {@link Flow#generate}.
 *
 * <pre>{@code
 * Generator<Integer> counter = out -> {
 *     for (int i = 3; i > 0; i--) {
 *         out.yield(i);
 *     }
 * };
 * }</pre>
 *
 * @param <T> the type of the values it yields
 */
@FunctionalInterface
public interface Generator<T> {
    /**
     * Runs the body; returning ends the stage, throwing fails it.
     *
     * @param out where values go, and the way to cooperate and wait
     * @throws Exception to fail the stage with that exception
     */
    void run(Emitter<T> out) throws Exception;
}
