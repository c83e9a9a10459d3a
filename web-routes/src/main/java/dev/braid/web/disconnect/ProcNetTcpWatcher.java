package dev.braid.web.disconnect;

import io.helidon.webserver.http.ServerRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices idle clients that went away by reading the kernel's TCP table
 * ({@code /proc/net/tcp} and {@code /proc/net/tcp6}) a few times a second,
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
    private static final Path TCP4 = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    private static final String CLOSE_WAIT = "08";

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
        if (!Files.isReadable(TCP4)) {
            LOG.log(Level.INFO, "no /proc/net/tcp: idle client disconnects are noticed only when a write fails");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ProcNetTcpWatcher());
    }

    @Override
    public Watch watch(ServerRequest request, Consumer<Gone> onGone) {
        List<String> keys;
        try {
            keys = keys(request.localPeer().address(), request.remotePeer().address());
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

    /**
     * The table's "local_address rem_address" texts for a connection, e.g.
     * "0100007F:1F90 0100007F:C350", plus the IPv4-mapped IPv6 form for IPv4.
     */
    static List<String> keys(SocketAddress local, SocketAddress remote) throws UnknownHostException {
        InetSocketAddress l = (InetSocketAddress) local;
        InetSocketAddress r = (InetSocketAddress) remote;
        byte[] localIp = ip(l).getAddress();
        byte[] remoteIp = ip(r).getAddress();
        String plain = hex(localIp, l.getPort()) + " " + hex(remoteIp, r.getPort());
        if (localIp.length == 4 && remoteIp.length == 4) {
            return List.of(plain, hex(mapped(localIp), l.getPort()) + " " + hex(mapped(remoteIp), r.getPort()));
        }
        return List.of(plain);
    }

    private static InetAddress ip(InetSocketAddress address) throws UnknownHostException {
        return address.getAddress() != null ? address.getAddress() : InetAddress.getByName(address.getHostString());
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, v6, 12, 4);
        return v6;
    }

    private static String hex(byte[] bytes, int port) {
        StringBuilder out = new StringBuilder(40);
        // The kernel prints each 32-bit word of the address in host (little-endian) order.
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 3; i >= 0; i--) {
                out.append(String.format("%02X", bytes[word + i] & 0xff));
            }
        }
        return out.append(':').append(String.format("%04X", port)).toString();
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
        Map<String, String> states = new HashMap<>();
        readTable(TCP4, states);
        readTable(TCP6, states);
        for (Entry entry : candidates) {
            String state = null;
            for (String key : entry.keys) {
                state = state != null ? state : states.get(key);
            }
            if (state != null && !state.equals(CLOSE_WAIT)) {
                entry.seen = true;
                keysConfirmed = true;
            } else if (state != null || entry.seen || keysConfirmed) {
                if (watched.remove(entry)) {
                    entry.onGone.accept(state == null ? Gone.LOST : Gone.CLEAN);
                }
            }
        }
    }

    private void readTable(Path table, Map<String, String> states) throws IOException {
        if (!Files.isReadable(table)) {
            return;
        }
        try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            lines.readLine(); // header
            String line;
            while ((line = lines.readLine()) != null) {
                // "  sl  local_address rem_address   st ..."
                String[] fields = line.strip().split("\\s+", 5);
                if (fields.length >= 4) {
                    states.put(fields[1].toUpperCase(Locale.ROOT) + " " + fields[2].toUpperCase(Locale.ROOT), fields[3]);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ProcNetTcpWatcher[" + watched.size() + " watched, scanner " + scanner.getState() + "]";
    }
}
