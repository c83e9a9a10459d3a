package dev.braid.deferred.task;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.internal.LoopInternals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs iterators a step at a time, taking turns, so that long jobs share a
 * loop instead of blocking it (Twisted's {@code task.Cooperator}).
 *
 * <ul>
 *   <li>A step is one {@code next()} call of a task's iterator. If it returns
 *       a {@link Deferred}, that task waits for it; if the Deferred fails, the
 *       task fails with that failure.</li>
 *   <li>Each tick runs steps of the active tasks round-robin until its time
 *       slice (10 ms of wall time by default) or its step budget is used up,
 *       then gives the loop back: the next tick is scheduled a moment later
 *       ({@code callLater(1e-8)}, as Twisted), so events queued meanwhile run
 *       first.</li>
 *   <li>When an iterator is exhausted its task's
 *       {@link CooperativeTask#whenDone()} Deferreds fire with the iterator;
 *       if {@code hasNext()} or {@code next()} throws, they fail.</li>
 * </ul>
 * A Cooperator belongs to one thread: use it from the loop that drives its
 * clock. {@link #forCurrentLoop()} gives each loop one shared cooperator,
 * stopped when the loop shuts down (its unfinished tasks fail with
 * {@link SchedulerStopped} instead of waiting forever; Twisted's global
 * cooperator just stops being called).
 *
 * <pre>{@code
 * Iterator<Void> rows = ...;   // each next() handles one row
 * Cooperator.coiterate(rows).addCallback(done -> { System.out.println("all rows"); return null; });
 * }</pre>
 */
public final class Cooperator {
    /** How long one tick may run steps by default, in seconds (Twisted's 0.01). */
    public static final double TIME_SLICE_SECONDS = 0.01;
    /** Delay before the next tick (Twisted's {@code _EPSILON}): "as soon as the loop has looked at its queue". */
    public static final double TICK_SECONDS = 0.00000001;

    private final ReactorTime clock;
    private final long timeSliceNanos;
    private final int stepsPerTick;
    private final List<CooperativeTask> tasks = new ArrayList<>();   // the ones that may take a step
    private final Set<CooperativeTask> unfinished = new LinkedHashSet<>();   // paused ones too
    private int cursor;                                              // round-robin position across ticks
    private DelayedCall nextTick;        // the scheduled tick, if any
    private boolean stopped;

    /**
     * Creates a cooperator with Twisted's defaults on a clock (a loop, or a
     * {@link dev.braid.deferred.Clock} in tests).
     *
     * @param clock where ticks are scheduled
     */
    public Cooperator(ReactorTime clock) {
        this(builder().clock(clock));
    }

    private Cooperator(Builder builder) {
        this.clock = Objects.requireNonNull(builder.clock, "a Cooperator needs a clock");
        this.timeSliceNanos = builder.timeSlice.toNanos();
        this.stepsPerTick = builder.stepsPerTick;
    }

    /**
     * Starts configuring a cooperator.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the current loop's shared cooperator, creating it on first use;
     * it is stopped when the loop shuts down.
     *
     * @return the loop's cooperator
     * @throws IllegalStateException outside a loop
     */
    public static Cooperator forCurrentLoop() {
        EventLoop loop = EventLoop.current().orElseThrow(() -> new IllegalStateException(
                "no current loop: use new Cooperator(clock) outside a loop"));
        return LoopInternals.component(loop, Cooperator.class, () -> {
            Cooperator shared = new Cooperator(loop);
            loop.addSystemEventTrigger(EventLoop.Phase.DURING, "shutdown", () -> {
                if (shared.running()) {
                    shared.stop();
                }
                return null;
            });
            return shared;
        });
    }

    /**
     * Runs {@code iterator} to its end on the current loop's shared cooperator
     * (Twisted's {@code task.coiterate}).
     *
     * @param iterator the work
     * @param <I> the iterator's type
     * @return a Deferred that fires with the iterator when it is exhausted
     * @throws IllegalStateException outside a loop
     */
    public static <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
        return forCurrentLoop().coiterateOn(iterator);
    }

    /**
     * Runs {@code iterator} to its end on this cooperator.
     *
     * @param iterator the work
     * @param <I> its type
     * @return a Deferred that fires with the iterator
     */
    @SuppressWarnings("unchecked")
    public <I extends Iterator<?>> Deferred<I> coiterateOn(I iterator) {
        return (Deferred<I>) (Deferred<?>) cooperate(iterator).whenDone();
    }

    /**
     * Adds a task (Twisted's {@code cooperate}). On a stopped cooperator the
     * task is returned already failed with {@link SchedulerStopped}, as in Twisted.
     *
     * @param iterator its steps
     * @return the task, to pause, resume or stop it
     */
    public CooperativeTask cooperate(Iterator<?> iterator) {
        CooperativeTask task = new CooperativeTask(this, Objects.requireNonNull(iterator));
        if (stopped) {
            task.completeWith(new SchedulerStopped(), new Failure(new SchedulerStopped()));
        } else {
            unfinished.add(task);
            addTask(task);
        }
        return task;
    }

    /**
     * Returns whether this cooperator takes tasks.
     *
     * @return false once stopped
     */
    public boolean running() {
        return !stopped;
    }

    /**
     * Stops every task, paused ones included: their Deferreds fail with
     * {@link SchedulerStopped}, and later tasks fail at once.
     *
     * @throws SchedulerStopped if already stopped
     */
    public void stop() {
        if (stopped) {
            throw new SchedulerStopped();
        }
        stopped = true;
        for (CooperativeTask task : List.copyOf(unfinished)) {
            task.completeWith(new SchedulerStopped(), new Failure(new SchedulerStopped()));
        }
        tasks.clear();
        if (nextTick != null && nextTick.active()) {
            nextTick.cancel();
        }
        nextTick = null;
    }

    void addTask(CooperativeTask task) {
        if (!stopped && !tasks.contains(task)) {
            tasks.add(task);
            scheduleTick();
        }
    }

    void finished(CooperativeTask task) {
        unfinished.remove(task);
        removeTask(task);
    }

    void removeTask(CooperativeTask task) {
        int index = tasks.indexOf(task);
        if (index >= 0) {
            tasks.remove(index);
            if (index < cursor) {
                cursor--;
            }
        }
        if (tasks.isEmpty() && nextTick != null && nextTick.active()) {
            // As Twisted: no tick left pending once the last task is gone (trial would call the loop unclean).
            nextTick.cancel();
            nextTick = null;
        }
    }

    private void scheduleTick() {
        if (nextTick == null && !stopped && !tasks.isEmpty()) {
            nextTick = clock.callLater(TICK_SECONDS, this::tick);
        }
    }

    /** Runs steps round-robin, continuing where the last tick left off, until the slice or budget is used. */
    private void tick() {
        nextTick = null;
        long deadline = System.nanoTime() + timeSliceNanos;
        int steps = 0;
        while (!tasks.isEmpty() && !stopped) {
            if (cursor >= tasks.size()) {
                cursor = 0;
            }
            CooperativeTask task = tasks.get(cursor++);
            task.oneStep();
            steps++;
            if (steps >= stepsPerTick || System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        scheduleTick();
    }

    @Override
    public String toString() {
        return "Cooperator[" + tasks.size() + " active" + (stopped ? ", stopped" : "") + "]";
    }

    /** Configures a {@link Cooperator}. */
    public static final class Builder {
        private ReactorTime clock;
        private Duration timeSlice = Duration.ofMillis(10);
        private int stepsPerTick = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * Sets where ticks are scheduled (required).
         *
         * @param clock a loop, or a Clock in tests
         * @return this builder
         */
        public Builder clock(ReactorTime clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Sets how much wall time one tick may spend on steps (default 10 ms).
         *
         * @param slice the time slice, positive
         * @return this builder
         */
        public Builder timeSlice(Duration slice) {
            if (slice.isNegative() || slice.isZero()) {
                throw new IllegalArgumentException("the time slice must be positive, got " + slice);
            }
            this.timeSlice = slice;
            return this;
        }

        /**
         * Caps the steps of one tick (default: no cap, only the time slice).
         * Tests use it to make turn-taking deterministic.
         *
         * @param steps at least 1
         * @return this builder
         */
        public Builder stepsPerTick(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("stepsPerTick must be >= 1, got " + steps);
            }
            this.stepsPerTick = steps;
            return this;
        }

        /**
         * Builds the cooperator.
         *
         * @return a new, running cooperator
         */
        public Cooperator build() {
            return new Cooperator(this);
        }
    }

    /** The base of the cooperator's errors (Twisted's {@code SchedulerError}). */
    public static class SchedulerError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchedulerError(String message) {
            super(message);
        }
    }

    /** The cooperator was stopped (Twisted's {@code SchedulerStopped}). */
    public static final class SchedulerStopped extends SchedulerError {
        private static final long serialVersionUID = 1L;

        SchedulerStopped() {
            super("the cooperator was stopped");
        }
    }

    /** {@link CooperativeTask#resume()} without a matching pause (Twisted's {@code NotPaused}). */
    public static final class NotPaused extends SchedulerError {
        private static final long serialVersionUID = 1L;

        NotPaused() {
            super("this task is not paused");
        }
    }

    /** The task has finished one way or another (Twisted's {@code TaskFinished}). */
    public static class TaskFinished extends SchedulerError {
        private static final long serialVersionUID = 1L;

        TaskFinished(String message) {
            super(message);
        }
    }

    /** The task's iterator is exhausted (Twisted's {@code TaskDone}). */
    public static final class TaskDone extends TaskFinished {
        private static final long serialVersionUID = 1L;

        TaskDone() {
            super("the task is done");
        }
    }

    /** The task was stopped (Twisted's {@code TaskStopped}). */
    public static final class TaskStopped extends TaskFinished {
        private static final long serialVersionUID = 1L;

        TaskStopped() {
            super("the task was stopped");
        }
    }

    /** The task's iterator, or a Deferred it yielded, failed (Twisted's {@code TaskFailed}). */
    public static final class TaskFailed extends TaskFinished {
        private static final long serialVersionUID = 1L;

        TaskFailed() {
            super("the task failed");
        }
    }
}
