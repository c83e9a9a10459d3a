package dev.braid.deferred.flow;

import dev.braid.deferred.Failure;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over between producers on other threads and a stage's puller:
 * a buffer, the end or failure that follows it, and the {@link Signal} of the
 * puller's current wait. Thread-safe; {@link #put} blocks while a bounded
 * mailbox is full.
 */
final class Mailbox<T> {
    private static final Object NULL = new Object();

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();  // guarded by lock
    private boolean finished;       // guarded by lock
    private Failure failure;        // guarded by lock
    private boolean closed;         // guarded by lock: nothing more is taken or handed out
    private Signal pending;         // guarded by lock

    Mailbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds a value, waiting while the buffer is full; false once the mailbox is closed. */
    boolean put(T value) throws InterruptedException {
        lock.lock();
        try {
            while (buffer.size() >= capacity && !closed) {
                notFull.await();
            }
            return add(value);
        } finally {
            unlockAndWake();
        }
    }

    /** Adds a value without regard to the capacity; false once the mailbox is closed. */
    boolean offer(T value) {
        lock.lock();
        try {
            return add(value);
        } finally {
            unlockAndWake();
        }
    }

    /** Ends the stream after the buffered values; a failure (null: none) fails it instead. */
    void end(Failure failed) {
        lock.lock();
        try {
            finished = true;
            failure = failed;
        } finally {
            unlockAndWake();
        }
    }

    /** Whether {@link #end} was called. */
    boolean ended() {
        lock.lock();
        try {
            return finished;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    Step<T> pull() {
        lock.lock();
        try {
            if (closed) {
                return Steps.end();
            }
            Object next = buffer.pollFirst();
            if (next != null) {
                notFull.signal();
                return new Step.Value<>(next == NULL ? null : (T) next);
            }
            if (finished) {
                closed = true;
                return failure != null ? new Step.Failed<>(failure) : Steps.end();
            }
            pending = new Signal();
            return new Step.Wait<>(pending);
        } finally {
            lock.unlock();
        }
    }

    /** Drops the buffer and refuses further values; a producer blocked in {@link #put} returns false. */
    void close() {
        lock.lock();
        try {
            closed = true;
            buffer.clear();
            notFull.signalAll();
        } finally {
            unlockAndWake();
        }
    }

    private boolean add(T value) {
        if (closed) {
            return false;
        }
        buffer.addLast(value == null ? NULL : value);
        return true;
    }

    /** Unlocks, then fires the puller's wait outside the lock (its wake-up may run code). */
    private void unlockAndWake() {
        Signal toFire = pending;
        pending = null;
        lock.unlock();
        if (toFire != null) {
            toFire.fire();
        }
    }
}
