package dev.braid.deferred;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The serial context of every Deferred that belongs to no loop: at most one
 * thread at a time runs their operations (adding callbacks, firing, pausing,
 * cancelling), so such Deferreds may be shared between threads — a test's
 * main thread waiting on a Deferred that a connection's loop fires, a
 * DeferredList over Deferreds fired by many threads.
 *
 * <p>It works like a reactor that is borrowed rather than owned: a thread
 * that finds the context free runs its operation at once, on its own stack
 * (so single-threaded use behaves exactly as Twisted without a reactor), and
 * then runs whatever other threads handed over meanwhile; a thread that finds
 * it busy hands its operation over and returns at once. Nothing ever blocks
 * waiting for the context, so no lock order can deadlock. The one rule is
 * Twisted's own: a callback must not block waiting for another thread's
 * Deferred, since that thread's operation would be queued behind it.
 */
final class NoLoopContext {
    private static final Logger LOG = Logger.getLogger(NoLoopContext.class.getName());
    private static final AtomicReference<Thread> RUNNER = new AtomicReference<>();
    private static final ConcurrentLinkedQueue<Runnable> HANDED_OVER = new ConcurrentLinkedQueue<>();

    private NoLoopContext() {
    }

    /** What {@link #enter()} found. */
    enum Entry {
        /** The caller already runs the context: run inline, do not exit. */
        REENTERED,
        /** The caller took the free context: run, then {@link #exit()}. */
        ENTERED,
        /** Another thread runs it: {@link #handOver} instead. */
        BUSY
    }

    /** Whether the calling thread is the one running the context now (then operations run inline). */
    static boolean isRunner() {
        return RUNNER.get() == Thread.currentThread();
    }

    /**
     * Takes the context if it is free. The hot paths (adding callbacks, firing)
     * use this instead of {@link #run} so that an uncontended operation costs
     * two atomic operations and no allocation.
     */
    static Entry enter() {
        Thread me = Thread.currentThread();
        Thread runner = RUNNER.get();
        if (runner == me) {
            return Entry.REENTERED;
        }
        return runner == null && RUNNER.compareAndSet(null, me) ? Entry.ENTERED : Entry.BUSY;
    }

    /** Ends an operation begun with {@link Entry#ENTERED}: runs what was handed over, then frees the context. */
    static void exit() {
        drainThenRelease(Thread.currentThread());
    }

    /** Gives {@code action} to the thread running the context (or runs it, if that thread just left). */
    static void handOver(Runnable action) {
        HANDED_OVER.add(action);
        Thread me = Thread.currentThread();
        if (RUNNER.compareAndSet(null, me)) {
            drainThenRelease(me); // the runner left before it could see our operation
        }
    }

    /**
     * Runs {@code action} in the context: now on this thread if the context is
     * free, else on the thread running it, after its current operation. An
     * exception from {@code action} reaches the caller only when it ran here.
     */
    static void run(Runnable action) {
        switch (enter()) {
            case REENTERED -> action.run();
            case ENTERED -> {
                try {
                    action.run();
                } finally {
                    exit();
                }
            }
            case BUSY -> handOver(action);
        }
    }

    /** Runs what was handed over, then frees the context, taking it back if more arrived meanwhile. */
    private static void drainThenRelease(Thread me) {
        do {
            Runnable next;
            while ((next = HANDED_OVER.poll()) != null) {
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.SEVERE, "Error in a Deferred operation handed over by another thread", e);
                }
            }
            RUNNER.set(null);
        } while (!HANDED_OVER.isEmpty() && RUNNER.compareAndSet(null, me));
    }
}
