package dev.braid.deferred;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * A lock whose acquisition is a Deferred (Twisted's {@code DeferredLock}):
 * {@link #acquire()} fires with the lock at once when it is free, otherwise
 * when it is handed over, first come first served. Safe to share between
 * loops: each waiter's Deferred fires on the loop that asked, and a waiter
 * cancelled on its loop while the lock is being handed to it either gets the
 * lock (the cancel came too late) or is skipped, never both.
 *
 * <pre>{@code
 * lock.run(() -> writeToTheSharedFile(poem));   // released when the work's Deferred fires
 * }</pre>
 */
public final class DeferredLock {
    private final ArrayDeque<Deferred<DeferredLock>> waiting = new ArrayDeque<>();
    private boolean locked;

    /** Creates an unlocked lock. */
    public DeferredLock() {
    }

    /**
     * Returns whether someone holds the lock.
     *
     * @return true while held
     */
    public synchronized boolean locked() {
        return locked;
    }

    /**
     * Acquires the lock. Cancelling a Deferred that is still waiting removes it
     * from the queue (it fails with {@link CancelledError}); cancelling one that
     * already fired does nothing.
     *
     * @return a Deferred that fires with this lock once it is held
     */
    public Deferred<DeferredLock> acquire() {
        Deferred<DeferredLock> d = new Deferred<>(this::cancelWaiter);
        synchronized (this) {
            if (locked) {
                waiting.addLast(d);
                return d;
            }
            locked = true;
        }
        d.callback(this);
        return d;
    }

    private synchronized void cancelWaiter(Deferred<DeferredLock> d) {
        waiting.remove(d);
    }

    /**
     * Releases the lock, handing it straight to the first waiter if any.
     *
     * @throws IllegalStateException "Tried to release an unlocked lock"
     */
    public void release() {
        while (true) {
            Deferred<DeferredLock> next;
            synchronized (this) {
                if (!locked) {
                    throw new IllegalStateException("Tried to release an unlocked lock");
                }
                next = waiting.pollFirst();
                if (next == null) {
                    locked = false;
                    return;
                }
            }
            if (next.tryFire(this)) {
                return;
            }
            // That waiter was cancelled on its own loop meanwhile: we still hold the lock, hand it on.
        }
    }

    /**
     * Acquires, runs {@code fn} (through {@link Deferreds#maybeDeferred}),
     * and releases when its result — or the Deferred it returns — is ready,
     * on success and on failure.
     *
     * @param fn the work
     * @param <T> its result type
     * @return a Deferred of fn's result
     */
    @SuppressWarnings("unchecked")
    public <T> Deferred<T> run(Callable<?> fn) {
        Deferred<Object> result = acquire().addCallbackDeferred(held -> Deferreds.maybeDeferred(fn)
                .addBoth(outcome -> {
                    release();
                    return outcome;
                }));
        return (Deferred<T>) (Deferred<?>) result;
    }
}
