package dev.braid.app.logging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One thread that writes what many threads log: a logging thread formats its
 * record and hands the bytes over, and returns; the writer takes everything
 * handed over since its last turn and writes it in one batch. So a request
 * that logs a line pays for formatting it, not for a system call, and a busy
 * server makes few large writes instead of one per line.
 *
 * <p>Records are written in the order they were submitted, and none is lost:
 * commands ({@link #call}: rotate, flush, close) take their place in the same
 * order, so a rotation separates the records submitted before it from those
 * submitted after. When more than {@link #MAX_PENDING_BYTES} wait (a stalled
 * disk), submitters wait for room instead of dropping records, except the
 * writer thread itself (a record logged while writing) which never waits.
 */
final class BatchWriter {
    /** Bytes that may wait to be written before submitters have to wait. */
    static final long MAX_PENDING_BYTES = 4L << 20;

    /** Where the batches go; called on the writer thread only. */
    @FunctionalInterface
    interface Target {
        /**
         * Writes records in order.
         *
         * @param records the records' bytes
         * @throws IOException if writing fails (reported, and the writer goes on)
         */
        void write(List<byte[]> records) throws IOException;
    }

    private final Target target;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private ArrayList<Object> pending = new ArrayList<>();     // byte[] records and Command, guarded by lock
    private long pendingBytes;                                  // guarded by lock
    private boolean closed;                                     // guarded by lock
    private final ErrorReporter errors;

    /** Reports a failed write (the JUL handler's ErrorManager). */
    @FunctionalInterface
    interface ErrorReporter {
        void report(String message, Exception error);
    }

    /** A function run on the writer thread between records, and the future its caller waits on. */
    private record Command(Action action, CompletableFuture<Void> done) {
    }

    /** An action of a command; it may throw an IOException. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    /**
     * Starts a writer thread.
     *
     * @param name the thread's name
     * @param target where the batches go
     * @param errors where write failures are reported
     */
    BatchWriter(String name, Target target, ErrorReporter errors) {
        this.target = target;
        this.errors = errors;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /**
     * Hands a record over to be written; returns at once unless too much is waiting.
     * Records submitted after {@link #close()} are dropped.
     *
     * @param record the bytes, ending with a line break
     */
    void submit(byte[] record) {
        lock.lock();
        try {
            if (Thread.currentThread() != thread) {
                while (pendingBytes > MAX_PENDING_BYTES && !closed) {
                    room.awaitUninterruptibly();
                }
            }
            if (closed) {
                return;
            }
            pending.add(record);
            pendingBytes += record.length;
            if (pending.size() == 1) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} on the writer thread after every record submitted
     * before it, and waits until it has run (at once on the writer thread).
     *
     * @param action what to do
     * @throws IOException if the action failed
     */
    void call(Action action) throws IOException {
        if (Thread.currentThread() == thread) {
            action.run();
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            pending.add(new Command(action, done));
            work.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    done.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;     // the records before it must still be written: keep waiting
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes everything submitted so far, runs {@code last} on the writer
     * thread, and stops the thread. Later submissions are dropped.
     *
     * @param last the final action (closing the file)
     * @throws IOException if {@code last} failed
     */
    void close(Action last) throws IOException {
        call(() -> {
            last.run();
            lock.lock();
            try {
                closed = true;
                room.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    private void run() {
        ArrayList<Object> spare = new ArrayList<>();
        while (true) {
            ArrayList<Object> batch;
            lock.lock();
            try {
                while (pending.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    work.awaitUninterruptibly();
                }
                batch = pending;
                pending = spare;
                pendingBytes = 0;
                room.signalAll();
            } finally {
                lock.unlock();
            }
            writeBatch(batch);
            batch.clear();
            spare = batch;
        }
    }

    private void writeBatch(List<Object> batch) {
        List<byte[]> records = new ArrayList<>(batch.size());
        for (Object item : batch) {
            if (item instanceof byte[] record) {
                records.add(record);
                continue;
            }
            flushRecords(records);
            Command command = (Command) item;
            try {
                command.action().run();
                command.done().complete(null);
            } catch (IOException | RuntimeException e) {
                command.done().completeExceptionally(e);
            }
        }
        flushRecords(records);
    }

    private void flushRecords(List<byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            target.write(records);
        } catch (IOException | RuntimeException e) {
            errors.report("cannot write " + records.size() + " log records", e);
        }
        records.clear();
    }
}
