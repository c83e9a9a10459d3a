package dev.braid.deferred;

import dev.braid.deferred.internal.access.DeferredAccess;

/** Hands a Deferred's package-private state to {@code dev.braid.deferred.internal.DeferredInternals}. */
final class DeferredAccessor implements DeferredAccess<Deferred<?>> {
    @Override
    public int pendingCallbackCount(Deferred<?> deferred) {
        return deferred.pendingCallbackCount();
    }

    @Override
    public int pausedCount(Deferred<?> deferred) {
        return deferred.pausedCount();
    }

    @Override
    public Object currentResult(Deferred<?> deferred) {
        return deferred.currentResult();
    }
}
