package dev.braid.web.server;

import dev.braid.posix.Proc;
import java.util.Optional;

/**
 * This process's file descriptors: the soft limit ({@code ulimit -n}) and how
 * many are open, read from Linux's {@code /proc/self} ({@link Proc}). Elsewhere nothing is
 * known, and no connection cap is derived.
 *
 * @param max the soft limit
 * @param open the descriptors open now
 */
record DescriptorLimit(long max, long open) {
    /**
     * Reads the limit and the count now.
     *
     * @return both, or empty when {@code /proc} cannot tell or there is no limit
     */
    static Optional<DescriptorLimit> current() {
        try {
            long max = Proc.openFileLimit().orElse(-1);
            return max < 0 ? Optional.empty() : Optional.of(new DescriptorLimit(max, Proc.openFds().length));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
