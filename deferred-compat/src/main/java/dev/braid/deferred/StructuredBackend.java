package dev.braid.deferred;

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
 */
final class StructuredBackend implements SubtaskBackend {
    /** Every loop's factory: shared, so a loop that forks nothing builds none (subtasks name themselves). */
    private static final java.util.concurrent.ThreadFactory SUBTASK_THREADS = Thread.ofVirtual().factory();

    private final CancelOnRequest joiner = new CancelOnRequest();
    private final StructuredTaskScope<Object, Void> scope;
    private boolean closed;
    private boolean forked;

    StructuredBackend(EventLoop loop) {
        this.scope = StructuredTaskScope.open(joiner, config -> config
                .withName(loop.name())
                .withThreadFactory(SUBTASK_THREADS));
    }

    @Override
    public Fork fork(Runnable task) {
        if (closed) {
            return Fork.CLOSED;
        }
        try {
            scope.fork(task);
            forked = true;
            return Fork.STARTED;
        } catch (StructureViolationException e) {
            return Fork.RETRY_FROM_LOOP;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!forked) {
            scope.close();      // nothing to wait for: close cancels the empty scope
            return;
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
