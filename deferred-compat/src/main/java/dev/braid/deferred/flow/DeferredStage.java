package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;

/**
 * {@link Flow#fromDeferred}: one value, the Deferred's result (Twisted flow's
 * {@code _Deferred}). The result is taken from the Deferred's chain (which
 * continues with null), so a failure is this stage's to report, not an
 * unhandled error.
 */
final class DeferredStage<T> implements Stage<T> {
    private final Deferred<? extends T> deferred;
    private final Object lock = new Object();
    private boolean listening;
    private boolean fired;       // guarded by lock
    private Object result;       // guarded by lock
    private Signal pending;      // guarded by lock
    private boolean done;

    DeferredStage(Deferred<? extends T> deferred) {
        this.deferred = deferred;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Step<T> pull() {
        if (done) {
            return Steps.end();
        }
        if (!listening) {
            listening = true;
            deferred.addBoth(outcome -> {
                Signal toFire;
                synchronized (lock) {
                    fired = true;
                    result = outcome;
                    toFire = pending;
                    pending = null;
                }
                if (toFire != null) {
                    toFire.fire();
                }
                return null;
            });
        }
        synchronized (lock) {
            if (!fired) {
                pending = new Signal();
                return new Step.Wait<>(pending);
            }
            done = true;
            return result instanceof Failure failure ? new Step.Failed<>(failure) : new Step.Value<>((T) result);
        }
    }

    /** Closing stops listening; the Deferred itself is left alone (it may be shared). */
    @Override
    public void close() {
        done = true;
    }
}
