package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;

/**
 * What a {@link Generator} body uses to yield values, give the loop back, and
 * consume other stages. Each method suspends the body until the flow pulls
 * again, exactly where a Python generator would stop at {@code yield}. Call it
 * only from the body's own thread.
 *
 * <pre>{@code
 * Stage<Integer> consumer = Flow.generate(out -> {
 *     for (int result : out.each(Flow.of(3, 2, 1))) {
 *         if (result != 2) {
 *             out.yield(result);
 *         }
 *     }
 * });   // [3, 1]
 * }</pre>
 *
 * @param <T> the type of the values yielded
 */
public interface Emitter<T> {
    /**
     * Yields a value to the flow (Python's {@code yield value}).
     *
     * @param value the value; may be null
     */
    void yield(T value);

    /** Gives the loop back and continues at the next pull (Twisted's {@code yield flow.Cooperate()}). */
    void cooperate();

    /**
     * Gives the loop back for {@code delay} seconds (Twisted's
     * {@code yield flow.Cooperate(delay)}).
     *
     * @param delay seconds, at least 0
     */
    void cooperate(double delay);

    /**
     * Waits for a Deferred without blocking the loop, then returns its result
     * or throws its exception (the original one, checked or not). The result
     * is taken from the Deferred's chain, which continues with null.
     *
     * @param deferred what to wait for
     * @param <V> its result type
     * @return the result
     * @throws Exception the Deferred's failure, as its original exception
     */
    <V> V await(Deferred<V> deferred) throws Exception;

    /**
     * Iterates over another stage's values, waiting cooperatively for each
     * (Twisted's {@code yield stage} before each {@code stage.next()}). A
     * failure of that stage is thrown from {@code hasNext()}/{@code next()} as
     * its original exception. Stages consumed here are closed when the body
     * ends.
     *
     * <pre>{@code
     * Iterator<String> replies = out.each(connection).iterator();
     * connection.write("Hello World");
     * System.out.println(replies.next());
     * }</pre>
     *
     * @param stage the stage to consume; only this body may pull it
     * @param <V> its value type
     * @return a one-pass view of its values
     */
    <V> Iterable<V> each(Stage<V> stage);
}
