package dev.braid.deferred.task;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One iterator being run by a {@link Cooperator} (Twisted's
 * {@code CooperativeTask}): it can be paused, resumed and stopped, and tells
 * through {@link #whenDone()} how it ended. Use it on the cooperator's thread.
 *
 * <pre>{@code
 * CooperativeTask task = cooperator.cooperate(rows);
 * task.pause();      // no more steps until resume()
 * task.resume();
 * task.whenDone().addCallback(it -> { System.out.println("done"); return null; });
 * }</pre>
 */
public final class CooperativeTask {
    private final Cooperator owner;
    private final Iterator<?> iterator;
    private final List<Deferred<Iterator<?>>> waiting = new ArrayList<>();
    private int pauses;
    private Cooperator.TaskFinished completion;       // null while unfinished; SchedulerStopped is kept apart
    private RuntimeException stoppedBy;
    private Object result;                            // the iterator, or a Failure

    CooperativeTask(Cooperator owner, Iterator<?> iterator) {
        this.owner = owner;
        this.iterator = iterator;
    }

    /**
     * Returns a new Deferred that fires with the iterator when the task
     * completes, or fails with the task's failure ({@link Cooperator.TaskStopped},
     * {@link Cooperator.SchedulerStopped}, or the iterator's own error). On a
     * finished task it has the outcome already.
     *
     * @return the Deferred
     */
    public Deferred<Iterator<?>> whenDone() {
        if (finished()) {
            return result instanceof Failure failure ? Deferreds.fail(failure) : Deferreds.succeed(iterator);
        }
        Deferred<Iterator<?>> d = new Deferred<>();
        waiting.add(d);
        return d;
    }

    /**
     * Takes no more steps until a matching {@link #resume()}; pauses nest.
     *
     * @throws Cooperator.SchedulerError if the task has finished (the reason it finished)
     */
    public void pause() {
        checkUnfinished();
        pauses++;
        if (pauses == 1) {
            owner.removeTask(this);
        }
    }

    /**
     * Undoes one {@link #pause()}.
     *
     * @throws Cooperator.NotPaused if the task is not paused
     */
    public void resume() {
        if (pauses == 0) {
            throw new Cooperator.NotPaused();
        }
        pauses--;
        if (pauses == 0 && !finished()) {
            owner.addTask(this);
        }
    }

    /**
     * Stops the task: {@link #whenDone()} fails with {@link Cooperator.TaskStopped}.
     *
     * @throws Cooperator.SchedulerError if the task has already finished (the reason it finished)
     */
    public void stop() {
        checkUnfinished();
        completeWith(new Cooperator.TaskStopped(), new Failure(new Cooperator.TaskStopped()));
    }

    private boolean finished() {
        return completion != null || stoppedBy != null;
    }

    private void checkUnfinished() {
        if (stoppedBy != null) {
            throw stoppedBy;
        }
        if (completion != null) {
            throw completion;
        }
    }

    /** One step: next() once; a yielded Deferred pauses the task until it fires. */
    void oneStep() {
        Object value;
        try {
            if (!iterator.hasNext()) {
                completeWith(new Cooperator.TaskDone(), iterator);
                return;
            }
            value = iterator.next();
        } catch (Throwable error) {
            completeWith(new Cooperator.TaskFailed(), new Failure(error));
            return;
        }
        if (value instanceof Deferred<?> step) {
            pause();
            step.addCallbacks(ignored -> {
                resume();
                return null;
            }, failure -> {
                completeWith(new Cooperator.TaskFailed(), failure);
                return null;
            });
        }
    }

    /** Ends the task; the Deferreds fire last, so that their callbacks may use the cooperator. */
    void completeWith(RuntimeException state, Object outcome) {
        if (finished()) {
            return;
        }
        if (state instanceof Cooperator.TaskFinished finishedState) {
            completion = finishedState;
        } else {
            stoppedBy = state;
        }
        result = outcome;
        owner.finished(this);
        List<Deferred<Iterator<?>>> toFire = List.copyOf(waiting);
        waiting.clear();
        for (Deferred<Iterator<?>> d : toFire) {
            if (outcome instanceof Failure failure) {
                d.errback(failure);
            } else {
                d.callback(iterator);
            }
        }
    }

    @Override
    public String toString() {
        return "CooperativeTask[" + iterator + (finished() ? ", finished" : pauses > 0 ? ", paused" : "") + "]";
    }
}
