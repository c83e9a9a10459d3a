package dev.braid.deferred;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one loop keeps for the web layer's never-hang rule: the idle listener
 * it calls each time it runs out of work, the hook it calls once before it
 * first blocks, and the Deferreds whose chain ended in a Failure that no
 * errback has handled yet, oldest first, up to a cap (the oldest are forgotten
 * here and left to the garbage collector's "Unhandled error in Deferred"
 * report). A loop that was asked for none of them has none of this.
 *
 * <p>When the listener and the hook are due is decided on the loop's thread
 * with the loop's lock held; they run outside it. The failed chains are
 * touched from any thread that ends or handles a chain, under this object's
 * monitor. As a {@link Runnable} it is the idle report the loop runs (being
 * its own event, an idle moment makes no callback object: a request's loop
 * may have several).
 */
final class LoopBookkeeping implements Runnable {
    private final EventLoop loop;
    private final Consumer<? super EventLoop> onIdle;           // null: none
    private final Runnable onFirstWait;                         // null: none
    private final int maxTrackedFailures;                       // 0: failures are not tracked
    private boolean idleReported;                               // loop thread only
    private boolean waitedBefore;                               // loop thread only
    private LinkedHashMap<Deferred<?>, Failure> failedChains;   // guarded by this; made on the first failed chain

    private LoopBookkeeping(EventLoop loop, Consumer<? super EventLoop> onIdle, Runnable onFirstWait,
                            int maxTrackedFailures) {
        this.loop = loop;
        this.onIdle = onIdle;
        this.onFirstWait = onFirstWait;
        this.maxTrackedFailures = maxTrackedFailures;
    }

    /**
     * Makes the bookkeeping a loop was asked for.
     *
     * @param track whether to remember failed chains
     * @return null when neither a listener, a hook nor tracking was asked for
     */
    static LoopBookkeeping of(EventLoop loop, Consumer<? super EventLoop> onIdle, Runnable onFirstWait,
                              boolean track, int maxTrackedFailures) {
        if (onIdle == null && onFirstWait == null && !track) {
            return null;
        }
        return new LoopBookkeeping(loop, onIdle, onFirstWait, track ? maxTrackedFailures : 0);
    }

    // ------------------------------------------------------------------ running out of work

    /** The loop found an event to run: its next idle moment is reported again (loop thread, lock held). */
    void workFound() {
        idleReported = false;
    }

    /**
     * The loop found nothing to run (loop thread, lock held): returns what to
     * run instead of waiting — the idle listener once per idle moment, then the
     * first-wait hook once in the loop's life — or null to wait.
     */
    Runnable outOfWork() {
        if (onIdle != null && !idleReported && loop.isIdleLocked()) {
            idleReported = true;
            return this;
        }
        if (onFirstWait != null && !waitedBefore) {
            waitedBefore = true;
            return onFirstWait;     // run outside the lock, then look for work again
        }
        return null;
    }

    /** The idle report: calls the idle listener (loop thread, outside the lock). */
    @Override
    public void run() {
        onIdle.accept(loop);
    }

    @Override
    public String toString() {
        return "idle listener of " + loop.name();
    }

    // ------------------------------------------------------------------ failed chains

    synchronized void failedChainEnded(Deferred<?> deferred, Failure failure) {
        if (maxTrackedFailures == 0) {
            return;
        }
        if (failedChains == null) {
            failedChains = new LinkedHashMap<>(4);
        }
        failedChains.remove(deferred);                // re-insert: now the newest
        failedChains.put(deferred, failure);
        if (failedChains.size() > maxTrackedFailures) {
            Iterator<Deferred<?>> eldest = failedChains.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized void failedChainHandled(Deferred<?> deferred) {
        if (failedChains != null) {
            failedChains.remove(deferred);
        }
    }

    synchronized List<Failure> unhandledFailures() {
        return failedChains == null ? List.of() : List.copyOf(failedChains.values());
    }

    synchronized boolean hasUnhandledFailures() {
        return failedChains != null && !failedChains.isEmpty();
    }

    /** Removes every tracked failure and marks it reported, so the garbage collector does not log it again. */
    synchronized List<Failure> takeUnhandledFailures() {
        if (failedChains == null || failedChains.isEmpty()) {
            return List.of();
        }
        List<Failure> taken = List.copyOf(failedChains.values());
        failedChains.keySet().forEach(Deferred::markFailureReported);
        failedChains.clear();
        return taken;
    }
}
