package dev.braid.deferred;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;

/**
 * What {@link DeferredLock} and {@link DeferredSemaphore} share (Twisted's
 * {@code _ConcurrencyPrimitive}): the queue of waiting Deferreds, handing what
 * is released straight to the first waiter, and {@code run}. A subclass says
 * only what is held: whether a holder can take it now, how it is given back,
 * and what a release of nothing held is.
 *
 * <p>The queue and the subclass's state change under this object's monitor; a
 * waiter is fired outside it, on the waiter's own loop when it has one.
 *
 * @param <P> the primitive itself, the value its acquisitions fire with
 */
abstract sealed class ConcurrencyPrimitive<P extends ConcurrencyPrimitive<P>> permits DeferredLock, DeferredSemaphore {
    private final ArrayDeque<Deferred<P>> waiting = new ArrayDeque<>();

    ConcurrencyPrimitive() {
    }

    /** Takes a share if one is free (under the monitor); false when the caller must wait. */
    abstract boolean tryTake();

    /** Gives back a share that no waiter takes over (under the monitor). */
    abstract void giveBack();

    /** Throws when a release finds nothing held (under the monitor), with Twisted's message. */
    abstract void checkHeld();

    /** This primitive, as its acquisitions' value. */
    abstract P self();

    /**
     * Acquires: fires at once when free, otherwise when released to it, first
     * come first served. Cancelling a Deferred that is still waiting removes
     * it from the queue (it fails with {@link CancelledError}); cancelling one
     * that already fired does nothing.
     *
     * @return a Deferred that fires with this primitive once held
     */
    public Deferred<P> acquire() {
        Deferred<P> d = new Deferred<>(this::cancelWaiter);
        synchronized (this) {
            if (!tryTake()) {
                waiting.addLast(d);
                return d;
            }
        }
        d.callback(self());
        return d;
    }

    private synchronized void cancelWaiter(Deferred<P> d) {
        waiting.remove(d);
    }

    /**
     * Releases, handing what was held straight to the first waiter if any.
     *
     * @throws IllegalStateException when nothing is held
     */
    public void release() {
        while (true) {
            Deferred<P> next;
            synchronized (this) {
                checkHeld();
                next = waiting.pollFirst();
                if (next == null) {
                    giveBack();
                    return;
                }
            }
            if (next.tryFire(self())) {
                return;
            }
            // That waiter was cancelled on its own loop meanwhile: still held, hand it to the next one.
        }
    }

    /**
     * Acquires, runs {@code fn}, and releases once its result is there, on
     * success and on failure. For work that returns a Deferred, use
     * {@link #runDeferred}: {@code Deferred<String> d = lock.run(() -> 42)}
     * does not compile.
     *
     * @param fn the work
     * @param <T> its result type
     * @return a Deferred of fn's result
     */
    public <T> Deferred<T> run(Callable<? extends T> fn) {
        return whileHeld(fn);
    }

    /**
     * Acquires, runs {@code fn}, and releases when the Deferred it returns
     * fires, on success and on failure.
     *
     * @param fn the work, returning a Deferred
     * @param <T> the result type of its Deferred
     * @return a Deferred of that Deferred's result
     */
    public <T> Deferred<T> runDeferred(Callable<? extends Deferred<? extends T>> fn) {
        return whileHeld(fn);
    }

    @SuppressWarnings("unchecked")
    private <T> Deferred<T> whileHeld(Callable<?> fn) {
        Deferred<Object> result = acquire().addCallbackDeferred(held -> Deferreds.outcomeOf(fn)
                .addBoth(outcome -> {
                    release();
                    return outcome;
                }));
        return (Deferred<T>) (Deferred<?>) result;
    }
}
