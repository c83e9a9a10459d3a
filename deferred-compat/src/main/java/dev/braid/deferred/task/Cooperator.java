package dev.braid.deferred.task;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.ReactorTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Runs iterators a step at a time, taking turns, so that long jobs share a
 * loop instead of blocking it (Twisted's {@code task.Cooperator}).
 *
 * <p>Each tick runs steps of the active tasks round-robin for at most
 * {@link #TIME_SLICE_SECONDS}, then gives the loop back until the next tick
 * (scheduled {@link #TICK_SECONDS} later). A step is one {@code next()} call:
 * if it returns a {@link Deferred}, that task waits for it (a failure stops
 * the task). When an iterator is exhausted its task's {@link CooperativeTask#whenDone()}
 * Deferred fires with the iterator; if {@code next()} throws, it fails.
 *
 * <pre>{@code
 * Iterator<Void> rows = ...;   // each next() handles one row
 * Cooperator.coiterate(rows).addCallback(done -> { System.out.println("all rows"); return null; });
 * }</pre>
 */
public final class Cooperator {
    /** How long one tick may run steps. */
    public static final double TIME_SLICE_SECONDS = 0.01;
    /** Delay between ticks (Twisted's default scheduler uses 0.01 s). */
    public static final double TICK_SECONDS = 0.01;

    private final ReactorTime clock;
    private final List<CooperativeTask> tasks = new ArrayList<>();
    private boolean tickScheduled;
    private boolean stopped;

    /**
     * Creates a cooperator on a clock (the current loop, or a Clock in tests).
     *
     * @param clock where ticks are scheduled; it also tells the time slices
     */
    public Cooperator(ReactorTime clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Runs {@code iterator} to its end on the current loop's cooperator
     * (Twisted's {@code task.coiterate}).
     *
     * @param iterator the work
     * @param <I> the iterator's type
     * @return a Deferred that fires with the iterator when it is exhausted
     * @throws IllegalStateException outside a loop
     */
    public static <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
        EventLoop loop = EventLoop.current().orElseThrow(() ->
                new IllegalStateException("coiterate needs a current loop; use new Cooperator(clock).coiterate"));
        return new Cooperator(loop).coiterateOn(iterator);
    }

    /**
     * Runs {@code iterator} to its end.
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
     * Adds a task.
     *
     * @param iterator its steps
     * @return the task, to pause, resume or stop it
     * @throws IllegalStateException if this cooperator was stopped
     */
    public CooperativeTask cooperate(Iterator<?> iterator) {
        if (stopped) {
            throw new IllegalStateException("this Cooperator has been stopped");
        }
        CooperativeTask task = new CooperativeTask(this, iterator);
        tasks.add(task);
        scheduleTick();
        return task;
    }

    /** Stops every task; their Deferreds fail with {@link SchedulerStopped}. */
    public void stop() {
        stopped = true;
        for (CooperativeTask task : List.copyOf(tasks)) {
            task.end(new Failure(new SchedulerStopped()));
        }
    }

    void removed(CooperativeTask task) {
        tasks.remove(task);
    }

    void scheduleTick() {
        if (!tickScheduled && !stopped) {
            tickScheduled = true;
            clock.callLater(TICK_SECONDS, this::tick);
        }
    }

    private void tick() {
        tickScheduled = false;
        double deadline = clock.seconds() + TIME_SLICE_SECONDS;
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (CooperativeTask task : List.copyOf(tasks)) {
                if (task.runnable()) {
                    task.step();
                    progressed = true;
                }
            }
            if (clock.seconds() >= deadline) {
                break;
            }
        }
        if (tasks.stream().anyMatch(CooperativeTask::runnable)) {
            scheduleTick();
        }
    }

    /** The failure of tasks whose Cooperator was stopped (Twisted's {@code SchedulerStopped}). */
    public static final class SchedulerStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchedulerStopped() {
            super("the cooperator was stopped");
        }
    }

    /** The failure of a stopped task (Twisted's {@code TaskStopped}). */
    public static final class TaskStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskStopped() {
            super("the task was stopped");
        }
    }

    /** One iterator being run by a {@link Cooperator} (Twisted's {@code CooperativeTask}). */
    public static final class CooperativeTask {
        private final Cooperator owner;
        private final Iterator<?> iterator;
        private final List<Deferred<Iterator<?>>> waiting = new ArrayList<>();
        private int pauses;
        private boolean waitingOnStep;
        private boolean done;
        private Object outcome;

        CooperativeTask(Cooperator owner, Iterator<?> iterator) {
            this.owner = owner;
            this.iterator = iterator;
        }

        /**
         * Returns a new Deferred that fires with the iterator when the task
         * completes, or fails if it fails or is stopped.
         *
         * @return the Deferred
         */
        public Deferred<Iterator<?>> whenDone() {
            if (done) {
                return outcome instanceof Failure f ? Deferreds.fail(f) : Deferreds.succeed(iterator);
            }
            Deferred<Iterator<?>> d = new Deferred<>();
            waiting.add(d);
            return d;
        }

        /** Stops taking steps until a matching {@link #resume()}. */
        public void pause() {
            pauses++;
        }

        /** Undoes one {@link #pause()}. */
        public void resume() {
            if (pauses == 0) {
                throw new IllegalStateException("resume() without pause()");
            }
            pauses--;
            owner.scheduleTick();
        }

        /** Stops the task; {@link #whenDone()} fails with {@link TaskStopped}. */
        public void stop() {
            if (!done) {
                end(new Failure(new TaskStopped()));
            }
        }

        boolean runnable() {
            return !done && pauses == 0 && !waitingOnStep;
        }

        void step() {
            Object value;
            try {
                if (!iterator.hasNext()) {
                    end(iterator);
                    return;
                }
                value = iterator.next();
            } catch (RuntimeException error) {
                end(new Failure(error));
                return;
            }
            if (value instanceof Deferred<?> step) {
                waitingOnStep = true;
                step.addCallbacks(ignored -> {
                    waitingOnStep = false;
                    owner.scheduleTick();
                    return null;
                }, failure -> {
                    waitingOnStep = false;
                    end(failure);
                    return null;
                });
            }
        }

        void end(Object result) {
            if (done) {
                return;
            }
            done = true;
            outcome = result;
            owner.removed(this);
            for (Deferred<Iterator<?>> d : List.copyOf(waiting)) {
                if (result instanceof Failure f) {
                    d.errback(f);
                } else {
                    d.callback(iterator);
                }
            }
            waiting.clear();
        }
    }
}
