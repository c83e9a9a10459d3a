package dev.braid.web.disconnect;

import dev.braid.posix.TcpTable;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices idle clients that went away by reading the kernel's TCP table
 * ({@code /proc/net/tcp} and {@code /proc/net/tcp6}, read by {@link TcpTable}) a few times a second,
 * while any request is being watched. A connection whose state turned to
 * {@code CLOSE_WAIT} received the client's FIN (→ {@link Gone#CLEAN}, Twisted's
 * ConnectionDone); one that vanished from the table was reset or failed
 * (→ {@link Gone#LOST}, ConnectionLost).
 *
 * <p>Why this way: Helidon runs an HTTP/1 handler on the connection's only
 * reader thread and offers no disconnect callback, so the only safe watchers
 * are ones that never read the socket. The kernel's table needs no file
 * descriptor, no reflection and no native code, and never consumes request
 * bytes. Its cost is one scan of the table per {@link #PERIOD_MILLIS} while
 * something is watched (measured in BENCHMARKS.md); detection takes at most
 * about one period.
 *
 * <p>Linux only: {@link #createIfSupported()} returns empty elsewhere, and the
 * Site then notices a lost client only when a write fails.
 */
public final class ProcNetTcpWatcher implements DisconnectDetector {
    /** How often the table is read while requests are watched. */
    public static final long PERIOD_MILLIS = 200;

    private static final Logger LOG = Logger.getLogger(ProcNetTcpWatcher.class.getName());

    /**
     * One watched connection: the table's keys it may appear under (an IPv4
     * peer of a dual-stack socket is listed in tcp6 as ::ffff:a.b.c.d), and
     * who to tell. Until some watched connection has been found in the table
     * (which confirms that the keys are written as the kernel prints them), a
     * connection never seen is not reported, so a key printed differently
     * cannot cause a false disconnect.
     */
    private static final class Entry {
        final List<String> keys;
        final Consumer<Gone> onGone;
        volatile boolean seen;

        Entry(List<String> keys, Consumer<Gone> onGone) {
            this.keys = keys;
            this.onGone = onGone;
        }
    }

    private final Set<Entry> watched = ConcurrentHashMap.newKeySet();
    private volatile boolean keysConfirmed;
    private final Object wakeup = new Object();
    private final Thread scanner;

    private ProcNetTcpWatcher() {
        scanner = Thread.ofPlatform().daemon().name("braid-disconnect-watch").start(this::scanForever);
    }

    /**
     * Returns a watcher if this system has a readable {@code /proc/net/tcp}.
     *
     * @return the watcher, or empty (not Linux, or no procfs)
     */
    public static java.util.Optional<DisconnectDetector> createIfSupported() {
        if (!TcpTable.isReadable()) {
            LOG.log(Level.INFO, "no /proc/net/tcp: idle client disconnects are noticed only when a write fails");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ProcNetTcpWatcher());
    }

    @Override
    public Watch watch(ServerRequest request, Consumer<Gone> onGone) {
        List<String> keys;
        try {
            keys = TcpTable.keys((InetSocketAddress) request.localPeer().address(),
                    (InetSocketAddress) request.remotePeer().address());
        } catch (RuntimeException | UnknownHostException e) {
            return () -> { };
        }
        Entry entry = new Entry(keys, onGone);
        watched.add(entry);
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
        return () -> watched.remove(entry);
    }

    private void scanForever() {
        while (true) {
            try {
                synchronized (wakeup) {
                    while (watched.isEmpty()) {
                        wakeup.wait();
                    }
                }
                scanOnce();
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "reading the TCP table failed; retrying", e);
                try {
                    Thread.sleep(PERIOD_MILLIS * 5);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Reads both tables once and reports every watched connection that closed or vanished. */
    void scanOnce() throws IOException {
        // Entries registered while the table is being read must wait for the next scan:
        // their connections may be missing from this snapshot.
        List<Entry> candidates = List.copyOf(watched);
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, String> states = TcpTable.read();
        for (Entry entry : candidates) {
            String state = null;
            for (String key : entry.keys) {
                state = state != null ? state : states.get(key);
            }
            if (state != null && !state.equals(TcpTable.CLOSE_WAIT)) {
                entry.seen = true;
                keysConfirmed = true;
            } else if (state != null || entry.seen || keysConfirmed) {
                if (watched.remove(entry)) {
                    entry.onGone.accept(state == null ? Gone.LOST : Gone.CLEAN);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ProcNetTcpWatcher[" + watched.size() + " watched, scanner " + scanner.getState() + "]";
    }
}
