package dev.braid.deferred.flow;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A two-party rendezvous that runs a generator body in lock-step with the
 * stage that pulls it: at any time exactly one side runs while the other
 * waits, so the body's steps are as ordered as a Python generator's.
 */
final class Handoff {
    /** The two parties; each has a mailbox slot the other writes to. */
    enum Side { BODY, PULLER }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Object[] slots = new Object[2];   // guarded by lock; indexed by Side

    /**
     * Sends {@code message} to {@code to} (none when null) and waits for the
     * other side's next message to the sender.
     */
    Object send(Side to, Object message) throws InterruptedException {
        int mine = 1 - to.ordinal();
        lock.lock();
        try {
            put(to, message);
            while (slots[mine] == null) {
                changed.await();
            }
            Object received = slots[mine];
            slots[mine] = null;
            return received;
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code message} to {@code to} without waiting for an answer (closing, or the body's last word). */
    void post(Side to, Object message) {
        lock.lock();
        try {
            put(to, message);
        } finally {
            lock.unlock();
        }
    }

    private void put(Side to, Object message) {
        if (message != null) {
            slots[to.ordinal()] = message;
            changed.signalAll();
        }
    }
}
