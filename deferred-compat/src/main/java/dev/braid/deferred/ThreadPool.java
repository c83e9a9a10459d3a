package dev.braid.deferred;

import java.util.concurrent.Callable;

/**
 * A bound on how much blocking work runs at once (the role of Twisted's
 * reactor thread pool, whose default maximum is 10). Work beyond the limit
 * waits, first come first served, without blocking any loop: a virtual thread
 * is started only when a slot is free. Use one for resources that must not
 * be hit by unbounded parallelism, such as a database or a rate-limited API.
 *
 * <pre>{@code
 * ThreadPool database = new ThreadPool(10);
 * database.deferToThread(() -> jdbcQuery(sql)).addCallback(rows -> render(rows));
 * }</pre>
 */
public final class ThreadPool {
    private final DeferredSemaphore slots;

    /**
     * Creates a pool.
     *
     * @param maxThreads how many functions may run at once
     * @throws IllegalArgumentException if below 1
     */
    public ThreadPool(int maxThreads) {
        this.slots = new DeferredSemaphore(maxThreads);
    }

    /**
     * Runs {@code fn} like {@link Threads#deferToThread} once a slot is free.
     *
     * @param fn the blocking work
     * @param <T> its result type
     * @return a Deferred of the result, firing on the caller's loop
     */
    public <T> Deferred<T> deferToThread(Callable<? extends T> fn) {
        return slots.run(() -> Threads.deferToThread(fn));
    }

    /**
     * Returns the limit.
     *
     * @return the most functions running at once
     */
    public int maxThreads() {
        return slots.limit();
    }

    /**
     * Returns how many functions run now.
     *
     * @return the count
     */
    public int running() {
        return slots.limit() - slots.tokens();
    }
}
