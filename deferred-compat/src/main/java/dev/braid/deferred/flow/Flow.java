package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.task.Cooperator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Cooperative data flows: Twisted's {@code twisted.flow} in Java. A flow is a
 * chain of {@link Stage}s pulled one value at a time on a loop; a stage that
 * has nothing ready says when to come back instead of blocking, so many flows
 * interleave on one loop.
 *
 * <h2>Making stages</h2>
 * <ul>
 *   <li>{@link #of} / {@link #iterate}: the elements of a list or iterator; a
 *       {@link #cooperate()} element gives the loop back, a Deferred element is
 *       waited for.</li>
 *   <li>{@link #generate}: a generator written as a lambda that yields values,
 *       cooperates, awaits Deferreds and consumes other stages.</li>
 *   <li>{@link #threaded}: a blocking iterator pulled on its own virtual thread
 *       (Twisted's {@code Threaded}); {@link #fromDeferred}; {@link #push}
 *       (Twisted's {@code Callback}).</li>
 *   <li>{@link #merge} and {@link #zip}; {@link Stage#map}, {@link Stage#filter}
 *       and {@link Stage#trap} on any stage.</li>
 * </ul>
 *
 * <h2>Running them</h2>
 * <ul>
 *   <li>{@link #deferred}: a Deferred of every value, the stage pulled by the
 *       current loop's {@link Cooperator}
 *       (Twisted's {@code flow.Deferred}). Cancelling it closes the flow.</li>
 *   <li>{@link #forEach}: the same, handing each value to a consumer instead of
 *       collecting them — for long or endless flows.</li>
 *   <li>{@link #block}: pulls on the calling thread and sleeps through waits
 *       (Twisted's {@code flow.Block}) — for tests and scripts, never on a
 *       loop's thread.</li>
 * </ul>
 *
 * <pre>{@code
 * Stage<Object> right = Flow.of("one", "two", Flow.cooperate(), "three");
 * Stage<Object> left = Flow.of(1, 2, 3);
 * Flow.block(Flow.zip(right, left));     // [[one, 1], [two, 2], [three, 3]]
 * Flow.block(Flow.merge(Flow.of("one", "two", Flow.cooperate(), "three"), Flow.of(1, 2, 3)));
 *                                         // [one, 1, two, 2, 3, three]
 * }</pre>
 *
 * <p>Where Braid differs from Twisted: a Deferred flow starts at the
 * Cooperator's first tick rather than inside the constructor; Zip stops at
 * the shortest stage instead of padding with null; a generator runs on its own
 * virtual thread in lock-step with its puller (see {@link #generate}).
 */
public final class Flow {
    private static final Cooperate NOW = new Cooperate(0);

    /** The default number of values a {@link #threaded} worker may run ahead of the flow. */
    public static final int DEFAULT_THREADED_BUFFER = 64;

    private Flow() {
    }

    // ------------------------------------------------------------------ instructions

    /**
     * Returns the instruction to give the loop back and continue at once
     * (Twisted's {@code flow.Cooperate()}).
     *
     * @return the instruction
     */
    public static Cooperate cooperate() {
        return NOW;
    }

    /**
     * Returns the instruction to give the loop back for {@code delay} seconds.
     *
     * @param delay seconds, at least 0
     * @return the instruction
     */
    public static Cooperate cooperate(double delay) {
        return new Cooperate(delay);
    }

    // ------------------------------------------------------------------ sources

    /**
     * Returns a stage of the given elements, in order. A {@link Cooperate}
     * element makes the stage wait; a {@link Deferred} element is waited for
     * and its result becomes the value.
     *
     * @param elements the elements; null elements are values
     * @param <T> the value type
     * @return the stage
     */
    @SafeVarargs
    @SuppressWarnings("varargs")   // the array is only copied or read
    public static <T> Stage<T> of(T... elements) {
        return iterate(Arrays.asList(elements.clone()));
    }

    /**
     * Returns a stage of an Iterable's elements (see {@link #of}), pulled on
     * the driver's thread: {@code next()} must not block.
     *
     * @param elements the elements
     * @param <T> the value type
     * @return the stage
     */
    public static <T> Stage<T> iterate(Iterable<? extends T> elements) {
        return new IterableStage<>(elements.iterator());
    }

    /**
     * Returns a stage of an iterator's elements (see {@link #of}). If the
     * iterator is {@link AutoCloseable}, closing the stage closes it.
     *
     * @param elements the iterator
     * @param <T> the value type
     * @return the stage
     */
    public static <T> Stage<T> iterate(Iterator<? extends T> elements) {
        return new IterableStage<>(Objects.requireNonNull(elements, "elements"));
    }

    /**
     * Returns a stage run by a generator body — Java's form of the Python
     * generators {@code twisted.flow} is built on:
     *
     * <pre>{@code
     * Stage<String> countCooperate = Flow.generate(out -> {
     *     for (int i = 0; i < 5; i++) {
     *         out.cooperate(0.1);
     *         System.out.println("cooperate " + i);
     *         out.yield("coop " + i);
     *     }
     * });
     * }</pre>
     *
     * <p>The body runs on its own virtual thread (a subtask of the loop that
     * first pulls it), but only while the stage is being pulled: each pull
     * runs it up to its next {@code yield}, {@code cooperate}, {@code await}
     * or inner pull, and the puller waits meanwhile — so steps run one at a
     * time, in order, exactly like a generator's. Keep each step short, as on
     * any loop; put blocking work in {@link #threaded}. Inside the body, wait
     * with {@link Emitter#await}, never with {@code Deferreds.await} (its
     * loop is waiting for the body: that would deadlock). Closing the stage
     * unwinds a suspended body through its {@code finally} blocks.
     *
     * @param body the generator
     * @param <T> the type of the values it yields
     * @return the stage
     */
    public static <T> Stage<T> generate(Generator<T> body) {
        return new GeneratorStage<>(Objects.requireNonNull(body, "body"));
    }

    /**
     * Returns a stage that pulls a blocking Iterable on its own virtual thread
     * (Twisted's {@code flow.Threaded}): {@code iterator()}, {@code hasNext()}
     * and {@code next()} run there, and the values are handed to the flow
     * through a buffer of {@link #DEFAULT_THREADED_BUFFER}. Closing the stage
     * interrupts the worker and closes an {@link AutoCloseable} iterator.
     *
     * @param blocking the source
     * @param <T> the value type
     * @return the stage
     */
    public static <T> Stage<T> threaded(Iterable<? extends T> blocking) {
        return threaded(blocking, DEFAULT_THREADED_BUFFER);
    }

    /**
     * As {@link #threaded(Iterable)}, with a chosen buffer size: the worker
     * blocks when this many values wait to be pulled.
     *
     * @param blocking the source
     * @param buffer how many values may wait, at least 1
     * @param <T> the value type
     * @return the stage
     */
    public static <T> Stage<T> threaded(Iterable<? extends T> blocking, int buffer) {
        return new ThreadedStage<>(Objects.requireNonNull(blocking, "blocking"), buffer);
    }

    /**
     * As {@link #threaded(Iterable)}, for an iterator already made (its
     * {@code hasNext()} and {@code next()} run on the worker).
     *
     * @param blocking the iterator
     * @param <T> the value type
     * @return the stage
     */
    public static <T> Stage<T> threaded(Iterator<? extends T> blocking) {
        Objects.requireNonNull(blocking, "blocking");
        boolean[] taken = {false};
        Iterable<T> once = () -> {
            if (taken[0]) {
                throw new IllegalStateException("an iterator can be pulled by one threaded stage only");
            }
            taken[0] = true;
            @SuppressWarnings("unchecked")
            Iterator<T> iterator = (Iterator<T>) blocking;
            return iterator;
        };
        return threaded(once, DEFAULT_THREADED_BUFFER);
    }

    /**
     * Returns a stage of one value, a Deferred's result; its failure fails the
     * stage. The result is taken from the Deferred's chain.
     *
     * @param deferred the Deferred
     * @param <T> the value type
     * @return the stage
     */
    public static <T> Stage<T> fromDeferred(Deferred<? extends T> deferred) {
        return new DeferredStage<>(Objects.requireNonNull(deferred, "deferred"));
    }

    /**
     * Returns a stage fed by pushes from any thread (Twisted's
     * {@code flow.Callback}).
     *
     * @param <T> the value type
     * @return the stage
     */
    public static <T> PushStage<T> push() {
        return new PushStage<>();
    }

    // ------------------------------------------------------------------ combining

    /**
     * Returns a stage of the values of all the given stages, as they become
     * available (Twisted's {@code flow.Merge}); see {@link MergeStage} for the
     * order.
     *
     * @param stages the stages
     * @param <T> the value type
     * @return the merged stage
     */
    @SafeVarargs
    @SuppressWarnings("varargs")   // the array is only copied or read
    public static <T> Stage<T> merge(Stage<? extends T>... stages) {
        return merge(Arrays.asList(stages));
    }

    /**
     * As {@link #merge(Stage[])}, for a list of stages.
     *
     * @param stages the stages
     * @param <T> the value type
     * @return the merged stage
     */
    public static <T> Stage<T> merge(List<? extends Stage<? extends T>> stages) {
        return new MergeStage<>(new ArrayList<>(stages));
    }

    /**
     * Returns a stage of lists holding the next value of each stage, in order
     * (Twisted's {@code flow.Zip}); it ends with the shortest stage.
     *
     * @param stages the stages, at least one
     * @return the zipped stage
     */
    public static Stage<List<Object>> zip(Stage<?>... stages) {
        return new ZipStage(Arrays.asList(stages));
    }

    /**
     * Returns a stage of {@code fn} applied to the next values of two stages
     * (Twisted's {@code flow.Map(fn, a, b)}, typed).
     *
     * @param first the first stage
     * @param second the second stage
     * @param fn combines one value of each
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <R> the result type
     * @return the zipped stage
     */
    @SuppressWarnings("unchecked")
    public static <A, B, R> Stage<R> zip(Stage<A> first, Stage<B> second, BiFunction<? super A, ? super B, ? extends R> fn) {
        return zip(first, second).map(pair -> fn.apply((A) pair.get(0), (B) pair.get(1)));
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs a stage on the calling thread and returns all its values (Twisted's
     * {@code flow.Block}): waits are slept through. A failure is thrown as
     * its original exception, checked or not.
     *
     * @param stage the stage; it is closed at the end
     * @param <T> the value type
     * @return the values, in order
     * @throws IllegalStateException on a loop's own thread
     */
    public static <T> List<T> block(Stage<T> stage) {
        return BlockingRun.run(Objects.requireNonNull(stage, "stage"));
    }

    /**
     * Runs a stage cooperatively on the current loop and returns a Deferred of
     * all its values (Twisted's {@code flow.Deferred}). It fails with the
     * stage's failure; cancelling it closes the stage.
     *
     * @param stage the stage
     * @param <T> the value type
     * @return a Deferred of the values, in order
     * @throws IllegalStateException outside a loop (use {@link #deferred(Stage, ReactorTime)})
     */
    public static <T> Deferred<List<T>> deferred(Stage<T> stage) {
        List<T> values = new ArrayList<>();
        return forEach(stage, values::add).addCallback(ignored -> values);
    }

    /**
     * As {@link #deferred(Stage)}, timed by {@code clock} (a {@link dev.braid.deferred.Clock}
     * in tests). Stages that wait on other threads ({@link #threaded},
     * {@link #push}) need a loop as the clock, which hands their wake-ups to
     * its thread.
     *
     * @param stage the stage
     * @param clock the loop or clock that times cooperation
     * @param <T> the value type
     * @return a Deferred of the values
     */
    public static <T> Deferred<List<T>> deferred(Stage<T> stage, ReactorTime clock) {
        List<T> values = new ArrayList<>();
        return forEach(stage, values::add, clock).addCallback(ignored -> values);
    }

    /**
     * Runs a stage cooperatively on the current loop, handing each value to
     * {@code each} as it comes; nothing is collected. If {@code each} throws,
     * the flow stops and the Deferred fails with that exception.
     *
     * @param stage the stage
     * @param each receives the values, on the loop's thread
     * @param <T> the value type
     * @return a Deferred that fires (with null) when the stage ends
     * @throws IllegalStateException outside a loop
     */
    public static <T> Deferred<Void> forEach(Stage<T> stage, Consumer<? super T> each) {
        EventLoop loop = currentLoop();
        return CooperativeRun.start(Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(each, "each"),
                Cooperator.forCurrentLoop(), loop);
    }

    /**
     * As {@link #forEach(Stage, Consumer)}, timed by {@code clock}.
     *
     * @param stage the stage
     * @param each receives the values
     * @param clock the loop or clock that times cooperation
     * @param <T> the value type
     * @return a Deferred that fires when the stage ends
     */
    public static <T> Deferred<Void> forEach(Stage<T> stage, Consumer<? super T> each, ReactorTime clock) {
        Objects.requireNonNull(clock, "clock");
        Cooperator cooperator = EventLoop.current().filter(loop -> loop == clock).isPresent()
                ? Cooperator.forCurrentLoop() : new Cooperator(clock);
        return CooperativeRun.start(Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(each, "each"),
                cooperator, clock);
    }

    private static EventLoop currentLoop() {
        return EventLoop.current().orElseThrow(() -> new IllegalStateException(
                "Flow.deferred needs a current loop; run it on one, or pass a clock"));
    }
}
