package dev.braid.deferred;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on how much blocking work runs at once (the role of Twisted's
 * reactor thread pool, whose default maximum is 10): work given to
 * {@link #deferToThread} runs like {@link Threads#deferToThread} — a subtask of
 * the current loop, its Deferred firing on that loop — but at most
 * {@link #maxThreads()} functions of this pool run at the same time; the
 * others wait, first come first served, without blocking any loop. One pool
 * may be shared by many loops (a database used by every request, say).
 *
 * <p>Waiting work is already a subtask of its own loop, parked on a fair
 * semaphore: the loop is not idle meanwhile, and when the loop ends, or the
 * Deferred is cancelled, the wait is interrupted and the Deferred fails with
 * {@link CancelledError} — work of a loop that has ended never starts later.
 * Plain {@code deferToThread} is unbounded (a virtual thread each); use a pool
 * where the work must be rationed.
 *
 * <pre>{@code
 * ThreadPool database = new ThreadPool("db", 10);
 * Threads.deferToThreadPool(database, () -> jdbcQuery(sql)).addCallback(rows -> render(rows));
 * }</pre>
 */
public final class ThreadPool {
    private final String name;
    private final int maxThreads;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * Creates a pool named "pool".
     *
     * @param maxThreads how many functions may run at once
     * @throws IllegalArgumentException if below 1
     */
    public ThreadPool(int maxThreads) {
        this("pool", maxThreads);
    }

    /**
     * Creates a named pool; while a function runs, its thread's name starts
     * with the pool's.
     *
     * @param name the pool's name, for logs and thread dumps
     * @param maxThreads how many functions may run at once
     * @throws IllegalArgumentException if below 1
     */
    public ThreadPool(String name, int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("a ThreadPool needs maxThreads >= 1, got " + maxThreads);
        }
        this.name = Objects.requireNonNull(name);
        this.maxThreads = maxThreads;
        this.slots = new Semaphore(maxThreads, true);
    }

    /**
     * Runs {@code fn} on a virtual thread once fewer than {@link #maxThreads()}
     * functions of this pool are running (Twisted's {@code deferToThreadPool}).
     *
     * @param fn the blocking work
     * @param <T> its result type
     * @return a Deferred of the result, firing on the caller's loop
     */
    public <T> Deferred<T> deferToThread(Callable<? extends T> fn) {
        Objects.requireNonNull(fn);
        return Threads.deferToThread(() -> {
            waiting.incrementAndGet();
            try {
                slots.acquire();
            } finally {
                waiting.decrementAndGet();
            }
            EventLoop loop = EventLoop.currentOrNull();
            if (loop != null && loop.isClosing()) {
                // The loop ended while we waited; a slot freed by its interrupted work is not ours to use.
                slots.release();
                throw new CancelledError("loop " + loop.name() + " ended before a slot of " + name + " was free");
            }
            Thread worker = Thread.currentThread();
            String threadName = worker.getName();
            worker.setName(name + ":" + threadName);
            try {
                return fn.call();
            } finally {
                worker.setName(threadName);
                slots.release();
            }
        });
    }

    /**
     * Returns the pool's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the limit.
     *
     * @return the most functions running at once
     */
    public int maxThreads() {
        return maxThreads;
    }

    /**
     * Returns how many functions run now.
     *
     * @return a snapshot
     */
    public int running() {
        return maxThreads - slots.availablePermits();
    }

    /**
     * Returns how many functions wait for a free slot.
     *
     * @return a snapshot
     */
    public int waiting() {
        return waiting.get();
    }

    @Override
    public String toString() {
        return "ThreadPool[" + name + ", " + running() + "/" + maxThreads + " running, " + waiting() + " waiting]";
    }
}
