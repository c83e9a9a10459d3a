package dev.braid.deferred;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The Deferreds of one loop whose chain ended in a Failure that no errback has
 * handled yet, oldest first, up to a cap (the oldest are forgotten here and
 * left to the garbage collector's "Unhandled error in Deferred" report).
 * Thread-safe.
 */
final class FailedChains {
    private final int max;
    private LinkedHashMap<Deferred<?>, Failure> chains;     // made on the first failed chain

    FailedChains(int max) {
        this.max = max;
    }

    synchronized void ended(Deferred<?> deferred, Failure failure) {
        if (chains == null) {
            chains = new LinkedHashMap<>(4);
        }
        chains.remove(deferred);                // re-insert: now the newest
        chains.put(deferred, failure);
        if (chains.size() > max) {
            Iterator<Deferred<?>> eldest = chains.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    synchronized void handled(Deferred<?> deferred) {
        if (chains != null) {
            chains.remove(deferred);
        }
    }

    synchronized List<Failure> snapshot() {
        return chains == null ? List.of() : List.copyOf(chains.values());
    }

    synchronized boolean isEmpty() {
        return chains == null || chains.isEmpty();
    }

    /** Removes every tracked failure and marks it reported, so the garbage collector does not log it again. */
    synchronized List<Failure> take() {
        if (chains == null || chains.isEmpty()) {
            return List.of();
        }
        List<Failure> taken = List.copyOf(chains.values());
        chains.keySet().forEach(Deferred::markFailureReported);
        chains.clear();
        return taken;
    }
}
