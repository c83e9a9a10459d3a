package dev.braid.deferred;

/**
 * A lock whose acquisition is a Deferred (Twisted's {@code DeferredLock}):
 * {@link #acquire()} fires with the lock at once when it is free, otherwise
 * when it is handed over, first come first served. Safe to share between
 * loops: each waiter's Deferred fires on the loop that asked, and a waiter
 * cancelled on its loop while the lock is being handed to it either gets the
 * lock (the cancel came too late) or is skipped, never both. {@link #release()}
 * of an unlocked lock throws {@link IllegalStateException} ("Tried to release
 * an unlocked lock").
 *
 * <pre>{@code
 * lock.runDeferred(() -> writeToTheSharedFile(poem));   // released when the work's Deferred fires
 * }</pre>
 */
public final class DeferredLock extends ConcurrencyPrimitive<DeferredLock> {
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

    @Override
    boolean tryTake() {
        if (locked) {
            return false;
        }
        locked = true;
        return true;
    }

    @Override
    void giveBack() {
        locked = false;
    }

    @Override
    void checkHeld() {
        if (!locked) {
            throw new IllegalStateException("Tried to release an unlocked lock");
        }
    }

    @Override
    DeferredLock self() {
        return this;
    }
}
