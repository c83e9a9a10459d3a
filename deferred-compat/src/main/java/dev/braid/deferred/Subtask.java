package dev.braid.deferred;

import java.util.concurrent.Callable;

/**
 * One piece of work forked by a loop: runs {@code work} on a virtual thread and
 * hands the outcome back to the loop, which fires the Deferred on its own
 * thread. Cancelling the Deferred interrupts the thread; for an inline body it
 * cancels what the body awaits and lets the body decide the outcome.
 */
final class Subtask<T> implements Runnable {
    private final EventLoop loop;
    private final Callable<? extends T> work;
    private final String caughtBy;
    private final InlineBody<?> body;
    final Deferred<T> deferred;
    private volatile Thread thread;
    private volatile boolean cancelled;
    int number;                             // set by the loop before the fork: names the thread

    Subtask(EventLoop loop, Callable<? extends T> work, String caughtBy, InlineBody<?> body) {
        this.loop = loop;
        this.work = work;
        this.caughtBy = caughtBy;
        this.body = body;
        this.deferred = body == null
                ? new Deferred<>(loop, ignored -> interrupt())
                : new Deferred<>(loop, ignored -> body.cancel(), true);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        thread.setName(loop.name() + "-subtask-" + number);
        Object outcome;
        try {
            if (cancelled) {
                throw new CancelledError(); // cancelled before it started
            }
            outcome = work.call();
        } catch (Throwable error) {
            outcome = new Failure(asCancellation(error), caughtBy);
        } finally {
            thread = null;
        }
        Object result = outcome;
        loop.subtaskEnded(this, () -> deliver(result));
    }

    /** Work interrupted because it was cancelled, or because its loop ended, fails with CancelledError. */
    private Throwable asCancellation(Throwable error) {
        boolean interrupted = error instanceof InterruptedException || Thread.currentThread().isInterrupted();
        if (interrupted && (cancelled || loop.isClosing() || (body != null && body.cancelled()))) {
            CancelledError cancelledError = new CancelledError();
            cancelledError.initCause(error);
            return cancelledError;
        }
        return error;
    }

    /** Fires the Deferred unless it already fired (cancelled meanwhile: the late result is dropped). */
    void deliver(Object outcome) {
        if (!deferred.called()) {
            deferred.fire(outcome);
        }
    }

    private void interrupt() {
        cancelled = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
