package dev.braid.deferred;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.StructureViolationException;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;

/**
 * The loop's subtasks as one {@link StructuredTaskScope} owned by the loop's
 * thread. This is the only class that touches the preview API.
 *
 * <p>The joiner never cancels on a failure (a failing deferToThread fails only
 * its own Deferred). At close it is told to cancel: forking one empty subtask
 * makes {@code onFork} return true, which cancels the scope and interrupts
 * every unfinished subtask; {@code join} and {@code close} then wait for them
 * all. A subtask that was forked but had not started when the scope was
 * cancelled never runs: the loop fails its Deferred. A scope that forked
 * nothing is simply closed.
 *
 * <p>The JDK gives no way to leave a scope while one of its threads still
 * runs, so with a grace (the default) each subtask of the scope only starts
 * the work on a worker thread of its own and waits for it: cancelling the
 * scope interrupts the worker and ends the subtask at once, and the loop
 * waits for the workers up to the grace. Without a grace the work runs in the
 * scope itself: it inherits every {@code ScopedValue} bound around the loop,
 * and the loop's end waits for it as long as it takes.
 */
final class StructuredBackend implements SubtaskBackend {
    /** Every loop's factory: shared, so a loop that forks nothing builds none (subtasks name themselves). */
    private static final java.util.concurrent.ThreadFactory SUBTASK_THREADS = Thread.ofVirtual().factory();

    private final CancelOnRequest joiner = new CancelOnRequest();
    private final StructuredTaskScope<Object, Void> scope;
    private final EventLoop loop;
    private final Duration grace;
    private SubtaskThreads workers;        // made on the first fork (forks and close run on the loop's thread)
    private boolean closed;
    private boolean forked;

    StructuredBackend(EventLoop loop, Duration grace) {
        this.loop = loop;
        this.grace = grace;
        this.scope = StructuredTaskScope.open(joiner, config -> config
                .withName(loop.name())
                .withThreadFactory(SUBTASK_THREADS));
    }

    @Override
    public Fork fork(Runnable task) {
        if (closed) {
            return Fork.CLOSED;
        }
        if (grace != null && workers == null) {
            workers = new SubtaskThreads(loop);
        }
        SubtaskThreads started = workers;
        try {
            scope.fork(grace == null ? task : () -> startAndWait(started, task));
            forked = true;
            return Fork.STARTED;
        } catch (StructureViolationException e) {
            return Fork.RETRY_FROM_LOOP;
        }
    }

    /** Runs {@code task} on a worker and waits for it; when the scope is cancelled, interrupts it and ends. */
    private static void startAndWait(SubtaskThreads workers, Runnable task) {
        Thread worker = workers.start(task);
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt(); // the loop is ending: it waits for the worker itself, up to its grace
        }
    }

    @Override
    public List<Thread> close() {
        if (closed) {
            return List.of();
        }
        closed = true;
        if (!forked) {
            scope.close();      // nothing to wait for: close cancels the empty scope
            return List.of();
        }
        joiner.cancelRequested = true;
        try {
            scope.fork(() -> { });  // onFork cancels the scope (no thread starts), interrupting the others
            scope.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // already joined or cancelled: close() below still waits for every thread
        } finally {
            scope.close();
        }
        return grace == null ? List.of() : workers.awaitEnd(grace);
    }

    @Override
    public void workEnded() {
        SubtaskThreads started = workers;
        if (started != null) {
            started.workEnded();   // the worker's thread, when there is a grace; else nothing to mark
        }
    }

    @Override
    public String name() {
        return "structured";
    }

    /** Waits for all subtasks; cancels the scope only when asked to. */
    private static final class CancelOnRequest implements Joiner<Object, Void> {
        volatile boolean cancelRequested;

        @Override
        public boolean onFork(Subtask<?> subtask) {
            return cancelRequested;
        }

        @Override
        public boolean onComplete(Subtask<?> subtask) {
            return false;
        }

        @Override
        public Void result() {
            return null;
        }
    }
}
