package dev.braid.deferred.internal;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.internal.access.Accessors;
import dev.braid.deferred.internal.access.DeferredAccess;
import java.lang.invoke.MethodHandles;

/**
 * A {@link Deferred}'s state for diagnostics: what defer-trace prints, what
 * Trial inspects, what benchmarks return. Internal, for Braid's own modules:
 * may change at any time. Like the Deferred itself, a loop's Deferred should
 * be inspected on its loop's thread.
 */
public final class DeferredInternals {
    private static final DeferredAccess<Deferred<?>> ACCESS = access();

    private DeferredInternals() {
    }

    @SuppressWarnings("unchecked")  // Deferred installs the accessor for exactly this type
    private static DeferredAccess<Deferred<?>> access() {
        try {
            MethodHandles.lookup().ensureInitialized(Deferred.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
        return (DeferredAccess<Deferred<?>>) Accessors.deferredAccess();
    }

    /**
     * Returns how many (callback, errback) pairs are still queued, counting the
     * ones Braid adds itself (DeferredList bookkeeping, chaining continuations),
     * like {@code len(d.callbacks)} in Twisted.
     *
     * @param deferred the Deferred
     * @return the number of queued pairs
     */
    public static int pendingCallbackCount(Deferred<?> deferred) {
        return ACCESS.pendingCallbackCount(deferred);
    }

    /**
     * Returns the pause counter (Twisted's {@code paused}), including the one
     * added while waiting on a Deferred returned by a callback.
     *
     * @param deferred the Deferred
     * @return the counter; negative after an unmatched unpause
     */
    public static int pausedCount(Deferred<?> deferred) {
        return ACCESS.pausedCount(deferred);
    }

    /**
     * Returns the current result: a value, a {@link dev.braid.deferred.Failure},
     * the Deferred this one is waiting on, or {@code null} when it has not
     * fired (check {@link Deferred#called()}).
     *
     * @param deferred the Deferred
     * @return the current result
     */
    public static Object currentResult(Deferred<?> deferred) {
        return ACCESS.currentResult(deferred);
    }
}
