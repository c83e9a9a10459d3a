package dev.braid.deferred.flow;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A source of values pulled cooperatively, one {@link Step} at a time
 * (Twisted's {@code flow.Stage}).
 *
 * <p>A driver — {@link Flow#deferred}, {@link Flow#block}, {@link Flow#forEach},
 * or another stage such as a merge — calls {@link #pull()} repeatedly. Each
 * pull returns at once with a value, the end, a failure, or a
 * {@link Step.Wait} naming when to pull again; a stage never blocks its
 * driver waiting for data. That is what lets many flows share one loop.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>One driver pulls a stage, from one thread at a time (a loop's
 *       thread, or the thread of {@link Flow#block}).</li>
 *   <li>After {@link Step.End} or {@link Step.Failed}, every pull returns
 *       {@code End}.</li>
 *   <li>{@link #close()} releases what the stage holds (threads, generators,
 *       inner stages, database cursors). Drivers close the stage they run when
 *       it ends, fails or is cancelled; it is idempotent.</li>
 * </ul>
 *
 * <pre>{@code
 * Stage<Integer> lengths = Flow.iterate(List.of("one", "two", "three")).map(String::length);
 * Flow.deferred(lengths).addCallback(list -> { System.out.println(list); return null; }); // [3, 3, 5]
 * }</pre>
 *
 * @param <T> the type of the values
 */
public interface Stage<T> extends AutoCloseable {
    /**
     * Produces the next step without blocking.
     *
     * @return a value, the end, a failure, or a wait
     */
    Step<T> pull();

    /** Releases what the stage holds; later pulls return {@link Step.End}. */
    @Override
    default void close() {
    }

    /**
     * Returns a stage of {@code fn} applied to each value. If {@code fn}
     * throws, the new stage fails with that exception.
     *
     * @param fn the function
     * @param <R> its result type
     * @return the mapped stage
     */
    default <R> Stage<R> map(Function<? super T, ? extends R> fn) {
        return new MapStage<>(this, fn);
    }

    /**
     * Returns a stage of the values for which {@code keep} is true (Twisted's
     * {@code flow.Filter}).
     *
     * @param keep the test
     * @return the filtered stage
     */
    default Stage<T> filter(Predicate<? super T> keep) {
        return new FilterStage<>(this, keep);
    }

    /**
     * Returns a stage whose failures of the listed types become values
     * (Twisted's {@code flow.wrap(stage, *trap)}): each value arrives as
     * {@link Item.Value}, and a trapped failure as one last
     * {@link Item.Trapped} before the end. Other failures still fail the stage.
     *
     * @param types the exception types to trap
     * @return the trapping stage
     */
    @SuppressWarnings("unchecked")
    default Stage<Item<T>> trap(Class<? extends Throwable>... types) {
        return new TrapStage<>(this, types);
    }

    /**
     * As {@link #trap(Class...)}, for one exception type: the common case,
     * without the generic array (and javac's warning) a varargs call makes.
     *
     * @param type the exception type to trap
     * @return the trapping stage
     */
    default Stage<Item<T>> trap(Class<? extends Throwable> type) {
        return new TrapStage<>(this, type);
    }
}
