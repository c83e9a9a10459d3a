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
 * cancelled never runs: the loop fails its Deferred.
 */
final class StructuredBackend implements SubtaskBackend {
    private final CancelOnRequest joiner = new CancelOnRequest();
    private final StructuredTaskScope<Object, Void> scope;
    private boolean closed;

    StructuredBackend(EventLoop loop) {
        this.scope = StructuredTaskScope.open(joiner, config -> config
                .withName(loop.name())
                .withThreadFactory(Thread.ofVirtual().name(loop.name() + "-subtask-", 0).factory()));
    }

    @Override
    public Fork fork(Runnable task) {
        if (closed) {
            return Fork.CLOSED;
        }
        try {
            scope.fork(task);
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
        joiner.cancelRequested = true;
        try {
            scope.fork(() -> { });
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
