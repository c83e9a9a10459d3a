package dev.braid.web.disconnect;

import dev.braid.posix.Endpoint;
import dev.braid.posix.LinuxNet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link EpollWatcher}'s fd discovery: the watches whose connection's
 * socket is not known yet, found together by one pass over
 * {@code /proc/self/fd} ({@link SocketScan}). A watch whose socket is not
 * found is settled: a connection reset before it was found is
 * {@link DisconnectDetector.Gone#LOST} (when at least as many unknown peerless
 * sockets share its local endpoint as there are unfound connections on it),
 * otherwise it is looked for again and, after {@link #MAX_MISSES} scans,
 * given up (late detection only), never reported on a guess.
 *
 * <p>Used by the watcher thread only, but {@link #lastScan()}.
 */
final class FdLookups {
    /** Scans without finding a watch's socket before it is given up. */
    static final int MAX_MISSES = 3;

    private static final Logger LOG = Logger.getLogger(EpollWatcher.class.getName());

    private final Set<WatchEntry> waiting = new LinkedHashSet<>();
    private long nextScan;
    private boolean warnedUnfound;
    private volatile EpollWatcher.ScanStats lastScan = new EpollWatcher.ScanStats(0, 0, 0);

    /** Queues a watch for the next scan. */
    void add(WatchEntry entry) {
        entry.pending = true;
        waiting.add(entry);
    }

    /** Takes a watch out of the queue, if it is queued. */
    void remove(WatchEntry entry) {
        if (entry.pending) {
            entry.pending = false;
            waiting.remove(entry);
        }
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** The earliest time (System.nanoTime) of the next scan. */
    long nextScan() {
        return nextScan;
    }

    /**
     * Looks for every queued watch's socket in one pass; hands each one found
     * to {@code found} (already out of the queue) and settles the others.
     * The next scan waits at least {@link EpollWatcher#MIN_SCAN_GAP_MILLIS},
     * longer when scans are slow.
     *
     * @param scratch the watcher thread's native scratch memory
     * @param known   the connections the watcher knows already (their sockets are skipped)
     * @param found   called with each watch and the socket found for it
     */
    void scan(LinuxNet.Scratch scratch, Collection<WatchedConnection> known,
            BiConsumer<WatchEntry, SocketScan.Found> found) {
        long started = System.nanoTime();
        Set<ConnectionKey> wanted = new HashSet<>();
        for (WatchEntry entry : waiting) {
            wanted.add(entry.key);
        }
        Set<Long> knownCookies = new HashSet<>();
        for (WatchedConnection connection : known) {
            knownCookies.add(connection.cookie);
        }
        SocketScan.Result result = SocketScan.scan(scratch, wanted, knownCookies);
        Map<Endpoint, Set<ConnectionKey>> unfound = new HashMap<>();
        for (WatchEntry entry : List.copyOf(waiting)) {
            SocketScan.Found socket = result.found().get(entry.key);
            if (socket != null) {
                waiting.remove(entry);
                entry.pending = false;
                found.accept(entry, socket);
            } else {
                unfound.computeIfAbsent(entry.key.local(), ignored -> new HashSet<>()).add(entry.key);
            }
        }
        if (!unfound.isEmpty()) {
            settleUnfound(unfound, result.resets());
        }
        long took = System.nanoTime() - started;
        lastScan = new EpollWatcher.ScanStats(result.fds(), wanted.size(), took);
        nextScan = System.nanoTime() + Math.max(EpollWatcher.MIN_SCAN_GAP_MILLIS * 1_000_000L, 4 * took);
    }

    private void settleUnfound(Map<Endpoint, Set<ConnectionKey>> unfound, Map<Endpoint, Set<Long>> resets) {
        Set<ConnectionKey> reset = new HashSet<>();
        unfound.forEach((local, keys) -> {
            if (resets.getOrDefault(local, Set.of()).size() >= keys.size()) {
                reset.addAll(keys);
            }
        });
        for (WatchEntry entry : List.copyOf(waiting)) {
            if (reset.contains(entry.key)) {
                waiting.remove(entry);
                entry.pending = false;
                entry.fire(DisconnectDetector.Gone.LOST);
            } else if (++entry.misses >= MAX_MISSES) {
                waiting.remove(entry);
                entry.pending = false;
                entry.abandon();
                Level level = warnedUnfound ? Level.FINE : Level.INFO;
                warnedUnfound = true;
                LOG.log(level, () -> "no socket found for " + entry.key
                        + "; its disconnect is noticed only when a write fails");
            }
        }
    }

    /** What the last scan cost; read from any thread. */
    EpollWatcher.ScanStats lastScan() {
        return lastScan;
    }
}
