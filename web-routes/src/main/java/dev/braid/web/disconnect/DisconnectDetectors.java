package dev.braid.web.disconnect;

import java.util.logging.Logger;

/**
 * Picks the best way this JVM has to notice idle clients going away, once per
 * process: the {@link EpollWatcher} (Linux, native access enabled), else the
 * {@link ProcNetTcpWatcher} (Linux procfs only, polls every 200 ms), else
 * {@link DisconnectDetector#NONE} (noticed only when a write fails). The
 * choice, and why a better one was not possible, is logged once at INFO.
 *
 * <pre>{@code
 * Site site = Site.builder(root).disconnectDetector(DisconnectDetectors.best()).build();
 * }</pre>
 */
public final class DisconnectDetectors {
    private static final Logger LOG = Logger.getLogger(DisconnectDetectors.class.getName());

    private DisconnectDetectors() {
    }

    /**
     * The process-wide detector, created on first use and never closed (its
     * thread is a daemon that sleeps while nothing is watched).
     *
     * @return the best detector available
     */
    public static DisconnectDetector best() {
        return Holder.BEST;
    }

    private static final class Holder {
        static final DisconnectDetector BEST = choose();

        private static DisconnectDetector choose() {
            DisconnectDetector chosen = EpollWatcher.createIfSupported().map(DisconnectDetector.class::cast)
                    .or(ProcNetTcpWatcher::createIfSupported)
                    .orElse(DisconnectDetector.NONE);
            LOG.fine(() -> "idle client disconnects are watched by " + (chosen == DisconnectDetector.NONE
                    ? "nothing (noticed when a write fails)" : chosen.getClass().getSimpleName()));
            return chosen;
        }
    }
}
