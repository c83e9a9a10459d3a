package dev.braid.deferred;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * A semaphore whose acquisition is a Deferred (Twisted's
 * {@code DeferredSemaphore}): at most {@code tokens} holders at once, the
 * others wait first come first served. Safe to share between loops.
 *
 * <pre>{@code
 * DeferredSemaphore three = new DeferredSemaphore(3);
 * urls.forEach(url -> three.run(() -> fetch(url)));   // three downloads at a time
 * }</pre>
 */
public final class DeferredSemaphore {
    private final ArrayDeque<Deferred<DeferredSemaphore>> waiting = new ArrayDeque<>();
    private final int limit;
    private int tokens;

    /**
     * Creates a semaphore.
     *
     * @param tokens how many may hold it at once
     * @throws IllegalArgumentException "DeferredSemaphore requires tokens >= 1"
     */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("DeferredSemaphore requires tokens >= 1");
        }
        this.limit = tokens;
        this.tokens = tokens;
    }

    /**
     * Returns the tokens left.
     *
     * @return how many more may acquire without waiting
     */
    public synchronized int tokens() {
        return tokens;
    }

    /**
     * Returns the number of tokens it was created with.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * Takes a token, waiting if none is left; cancelling a waiting Deferred removes it.
     *
     * @return a Deferred that fires with this semaphore once a token is held
     */
    public Deferred<DeferredSemaphore> acquire() {
        Deferred<DeferredSemaphore> d = new Deferred<>(this::cancelWaiter);
        synchronized (this) {
            if (tokens == 0) {
                waiting.addLast(d);
                return d;
            }
            tokens--;
        }
        d.callback(this);
        return d;
    }

    private synchronized void cancelWaiter(Deferred<DeferredSemaphore> d) {
        waiting.remove(d);
    }

    /**
     * Returns a token, handing it to the first waiter if any.
     *
     * @throws IllegalStateException "Someone released me too many times: too many tokens!"
     */
    public void release() {
        while (true) {
            Deferred<DeferredSemaphore> next;
            synchronized (this) {
                if (tokens >= limit) {
                    throw new IllegalStateException("Someone released me too many times: too many tokens!");
                }
                next = waiting.pollFirst();
                if (next == null) {
                    tokens++;
                    return;
                }
            }
            if (next.tryFire(this)) {
                return;
            }
            // That waiter was cancelled on its own loop meanwhile: offer the token to the next one.
        }
    }

    /**
     * Acquires, runs {@code fn}, and releases when its result is ready.
     *
     * @param fn the work; it may return a Deferred
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
