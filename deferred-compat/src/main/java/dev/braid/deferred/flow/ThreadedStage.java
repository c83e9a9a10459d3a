package dev.braid.deferred.flow;

import dev.braid.deferred.Failure;
import java.util.Iterator;

/**
 * {@link Flow#threaded}: a blocking iterator pulled on its own virtual thread
 * (Twisted flow's {@code Threaded}). The worker hands values over through a
 * bounded {@link Mailbox} and blocks when it is full, so a fast producer
 * cannot run ahead of the flow without limit. The worker starts at the first
 * pull (see {@link Worker}); closing the stage interrupts it.
 */
final class ThreadedStage<T> implements Stage<T> {
    private final Iterable<? extends T> source;
    private final Mailbox<T> mailbox;
    private final Object workerLock = new Object();
    private Thread worker;          // guarded by workerLock; null when not running
    private boolean closed;         // guarded by workerLock
    private boolean started;

    ThreadedStage(Iterable<? extends T> source, int capacity) {
        this.source = source;
        this.mailbox = new Mailbox<>(capacity);
    }

    @Override
    public Step<T> pull() {
        if (!started) {
            started = true;
            Worker.start("braid-flow-threaded", this::produce);
        }
        return mailbox.pull();
    }

    @Override
    public void close() {
        mailbox.close();
        synchronized (workerLock) {
            closed = true;
            if (worker != null) {
                worker.interrupt(); // unblocks a producer waiting on I/O or a lock
            }
        }
    }

    /** The worker: runs the blocking iterator to its end, or until the stage is closed. */
    private void produce() {
        synchronized (workerLock) {
            if (closed) {
                return;
            }
            worker = Thread.currentThread();
        }
        Iterator<? extends T> iterator = null;
        Failure failure = null;
        try {
            iterator = source.iterator();
            while (iterator.hasNext() && mailbox.put(iterator.next())) {
                // each value handed over; put() waits while the buffer is full
            }
        } catch (Throwable thrown) {
            failure = new Failure(thrown, "flow threaded");
        } finally {
            synchronized (workerLock) {
                worker = null;
                Thread.interrupted(); // an interrupt from close() has done its job
            }
            if (iterator instanceof AutoCloseable closeable) {
                Steps.closeQuietly(closeable);
            }
            mailbox.end(failure);
        }
    }
}
