package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.Failure;
import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.task.CooperativeTask;
import dev.braid.deferred.task.Cooperator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a stage on a {@link Cooperator}: each step of the cooperative task is
 * one pull. A wait becomes a Deferred the task waits on, fired by a delayed
 * call (Cooperate) or a {@link Signal}; the Cooperator's time slices keep a
 * flow that never waits from holding its loop for long.
 */
final class CooperativeRun<T> implements Iterator<Object> {
    private final Stage<T> stage;
    private final Consumer<? super T> sink;
    private final ReactorTime clock;
    private boolean done;
    private Failure failure;   // why the stage ended, if it failed; reported once the task is over

    private CooperativeRun(Stage<T> stage, Consumer<? super T> sink, ReactorTime clock) {
        this.stage = stage;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * Starts {@code stage} on {@code cooperator}; the Deferred fires when it
     * ends, fails with its failure, and closes the stage when cancelled.
     */
    static <T> Deferred<Void> start(Stage<T> stage, Consumer<? super T> sink, Cooperator cooperator,
                                    ReactorTime clock) {
        CooperativeRun<T> run = new CooperativeRun<>(stage, sink, clock);
        AtomicBoolean cancelled = new AtomicBoolean();
        CooperativeTask[] task = new CooperativeTask[1];
        Deferred<Void> result = new Deferred<>(ignored -> {
            cancelled.set(true);
            run.finish();
            try {
                task[0].stop();
            } catch (Cooperator.SchedulerError alreadyFinished) {
                // it ended meanwhile; the cancellation still wins
            }
        });
        task[0] = cooperator.cooperate(run);
        task[0].whenDone().addCallbacks(ignored -> {
            if (!cancelled.get()) {
                if (run.failure != null) {
                    result.errback(run.failure);
                } else {
                    result.callback(null);
                }
            }
            return null;
        }, failure -> { // the task was stopped: its cooperator (the loop) shut down
            if (!cancelled.get()) {
                result.errback(failure);
            }
            return null;
        });
        return result;
    }

    @Override
    public boolean hasNext() {
        return !done;
    }

    @Override
    public Object next() {
        if (done) {
            return null;
        }
        return switch (Steps.pull(stage)) {
            case Step.Value<T>(T value) -> deliver(value);
            case Step.End<T> end -> {
                finish();
                yield null;
            }
            case Step.Failed<T>(Failure failed) -> {
                failure = failed;
                finish();
                yield null;
            }
            case Step.Wait<T>(Instruction instruction) -> waitFor(instruction);
        };
    }

    private Object deliver(T value) {
        try {
            sink.accept(value);
            return null;
        } catch (Throwable error) {
            failure = new Failure(error, "flow consumer");
            finish();
            return null;
        }
    }

    void finish() {
        if (!done) {
            done = true;
            stage.close();
        }
    }

    /** A Deferred that fires once, when the first part of {@code instruction} is ready. */
    private Deferred<Void> waitFor(Instruction instruction) {
        Deferred<Void> ready = new Deferred<>();
        AtomicBoolean woken = new AtomicBoolean();
        List<DelayedCall> timers = new ArrayList<>();
        Runnable wake = () -> {
            if (woken.compareAndSet(false, true)) {
                ready.callback(null); // from another thread, handed to the loop that owns `ready`
            }
        };
        arm(instruction, wake, timers);
        ready.addCallback(ignored -> {
            for (DelayedCall timer : timers) {
                if (timer.active()) {
                    timer.cancel();
                }
            }
            return null;
        });
        return ready;
    }

    private void arm(Instruction instruction, Runnable wake, List<DelayedCall> timers) {
        switch (instruction) {
            case Cooperate(double delay) -> timers.add(clock.callLater(delay, wake));
            case Signal signal -> signal.whenFired(wake);
            case Instruction.AnyOf(List<Instruction> parts) -> parts.forEach(part -> arm(part, wake, timers));
        }
    }
}
