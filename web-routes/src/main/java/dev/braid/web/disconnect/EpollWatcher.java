package dev.braid.web.disconnect;

import dev.braid.posix.Errno;
import dev.braid.posix.LinuxNet;
import io.helidon.webserver.http.ServerRequest;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices, within a fraction of a second, that the client behind a waiting
 * request went away: one platform thread blocks in {@code epoll_wait} on every
 * watched connection's socket, registered for {@code EPOLLRDHUP | EPOLLHUP |
 * EPOLLERR} only. Without {@code EPOLLIN}, bytes the client already sent (a
 * pipelined request, an unread body) never wake it, and it never reads a byte:
 * Helidon gets every request intact.
 *
 * <ul>
 * <li>The client's FIN ({@code EPOLLRDHUP}) is {@link Gone#CLEAN}: Twisted's
 *     ConnectionDone. This includes a client that half-closes after sending
 *     its request: like Twisted (and nginx), Braid treats that as the client
 *     leaving; a page answered before the report still goes out.</li>
 * <li>A reset or socket error ({@code EPOLLHUP}/{@code EPOLLERR}) is
 *     {@link Gone#LOST}: Twisted's ConnectionLost.</li>
 * <li>The JVM closing the socket while a request is watched (Helidon's HTTP/2
 *     reader does so when the client leaves) is {@link Gone#LOST}: the watcher
 *     checks each watched socket's cookie every {@link #VALIDATE_MILLIS}.</li>
 * </ul>
 *
 * <p>The fd behind a request is found by its address pair: {@link #watch}
 * only queues the request (a few hundred nanoseconds), and the watcher thread
 * finds all queued connections with one pass over {@code /proc/self/fd}
 * ({@link SocketScan}), then remembers each connection, so the further
 * requests of a keep-alive connection cost one {@code getsockopt} and one
 * {@code epoll_ctl}. Queued watches are looked at every {@link #TICK_MILLIS},
 * and a scan runs at most every {@link #MIN_SCAN_GAP_MILLIS} (longer when
 * scans are slow), so detection takes well under a second even for a burst of
 * new connections.
 *
 * <p>HTTP/2: every stream's watch shares its connection's registration, so
 * closing or resetting the connection reports all its streams. A reset of one
 * stream ({@code RST_STREAM}) is not visible: Helidon 4.5.0 only marks the
 * stream closed, with nothing reachable from the request; it is noticed when
 * the response is written.
 *
 * <p>Three classes share the work: {@link EpollSupport} says whether the
 * platform can run a watcher, {@link FdLookups} finds the sockets of new
 * watches, and this class runs the epoll thread and its registrations.
 *
 * <p>Linux on x86_64, aarch64 or riscv64, kernel 4.12 or newer (socket
 * cookies), with native access enabled ({@code --enable-native-access=ALL-UNNAMED},
 * which the braid binary and the build pass). {@link #createIfSupported()}
 * says why not otherwise.
 *
 * <pre>{@code
 * try (EpollWatcher watcher = EpollWatcher.createIfSupported().orElseThrow()) {
 *     DisconnectDetector.Watch watch = watcher.watch(request, gone -> loop.callFromThread(...));
 *     try { ... wait for the answer ... } finally { watch.close(); }
 * }
 * }</pre>
 */
public final class EpollWatcher implements DisconnectDetector, AutoCloseable {
    /** How often the thread looks at queued watches while anything is watched. */
    public static final int TICK_MILLIS = 100;
    /** The shortest time between two scans of the fd table. */
    public static final int MIN_SCAN_GAP_MILLIS = 50;
    /** How often every watched socket is checked to still be open. */
    public static final int VALIDATE_MILLIS = 500;

    private static final Logger LOG = Logger.getLogger(EpollWatcher.class.getName());
    private static final int IDLE_PRUNE_MILLIS = 5_000;
    private static final int MAX_EVENTS = 256;
    private static final long DOORBELL = 0;
    private static final int INTEREST = LinuxNet.EPOLLRDHUP | LinuxNet.EPOLLHUP | LinuxNet.EPOLLERR
            | LinuxNet.EPOLLONESHOT;

    private final int epollFd;
    private final int eventFd;
    private final Queue<WatchEntry> inbox = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean deepSleep;
    private volatile boolean closing;
    private final Object fdLock = new Object();
    private boolean fdsClosed;
    private final Object progress = new Object();
    private long cycles;

    // The watcher thread's own state.
    private final Map<ConnectionKey, WatchedConnection> byKey = new HashMap<>();
    private final Map<Long, WatchedConnection> byToken = new HashMap<>();
    private final FdLookups lookups = new FdLookups();
    private int watchedConnections;
    private long nextToken = DOORBELL + 1;
    private long nextValidate;
    private long nextPrune;
    private volatile int lookupsView;
    private volatile int watchedView;

    /**
     * What the last scan of the fd table cost.
     *
     * @param fds   fds looked at
     * @param keys  connections looked for
     * @param nanos how long it took
     */
    record ScanStats(int fds, int keys, long nanos) {
    }

    private EpollWatcher(int epollFd, int eventFd) {
        this.epollFd = epollFd;
        this.eventFd = eventFd;
        this.thread = Thread.ofPlatform().daemon().name("braid-disconnect-epoll").unstarted(this::run);
    }

    /**
     * Starts a watcher (its own thread, epoll instance and eventfd) when this
     * JVM can run one, else says why not at INFO.
     *
     * @return the running watcher, or empty (not Linux, an unknown
     *         architecture, an old kernel, no {@code /proc}, or native access
     *         not enabled)
     */
    public static Optional<EpollWatcher> createIfSupported() {
        Optional<String> missing = EpollSupport.missingSupport();
        if (missing.isPresent()) {
            LOG.info("no epoll disconnect watcher: " + missing.get());
            return Optional.empty();
        }
        try {
            int epoll = LinuxNet.epollCreate();
            if (epoll < 0) {
                LOG.info("no epoll disconnect watcher: epoll_create1 failed, errno " + -epoll);
                return Optional.empty();
            }
            int doorbell = LinuxNet.eventFd();
            if (doorbell < 0) {
                LinuxNet.close(epoll);
                LOG.info("no epoll disconnect watcher: eventfd failed, errno " + -doorbell);
                return Optional.empty();
            }
            EpollWatcher watcher = new EpollWatcher(epoll, doorbell);
            watcher.thread.start();
            return Optional.of(watcher);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "no epoll disconnect watcher: the native calls failed", e);
            return Optional.empty();
        }
    }

    /**
     * Starts watching the connection behind {@code request}. Cheap and
     * non-blocking: the watcher thread finds the connection's socket shortly
     * after. A request whose peers are not IP socket addresses gets a watch
     * that never fires.
     *
     * @param request the Helidon request (HTTP/1 or an HTTP/2 stream)
     * @param onGone  called at most once, on the watcher thread, when the
     *                client goes away; it must not block. It never starts
     *                after the returned watch's {@code close()} returned.
     * @return the handle that ends the watch; close it when the request ends
     *         (after this watcher was closed: a watch that never fires)
     */
    @Override
    public Watch watch(ServerRequest request, Consumer<Gone> onGone) {
        return watch(request.localPeer().address(), request.remotePeer().address(), onGone);
    }

    /** As {@link #watch(ServerRequest, Consumer)}, for a connection named by its two addresses. */
    Watch watch(SocketAddress local, SocketAddress remote, Consumer<Gone> onGone) {
        Optional<ConnectionKey> key = ConnectionKey.of(local, remote);
        if (key.isEmpty() || closing) {
            return () -> { };
        }
        WatchEntry entry = new WatchEntry(key.get(), onGone, this);
        enqueue(entry);
        return entry;
    }

    /** Hands a new or closed watch to the watcher thread, waking it only from its deep sleep. */
    void enqueue(WatchEntry entry) {
        if (closing) {
            return;
        }
        inbox.add(entry);
        if (deepSleep) {
            deepSleep = false;
            ring();
        }
    }

    /** Wakes the watcher thread; never writes to the eventfd's number once the thread closed it. */
    private void ring() {
        synchronized (fdLock) {
            if (!fdsClosed) {
                LinuxNet.ring(eventFd);
            }
        }
    }

    /**
     * Stops the watcher thread and closes its epoll instance and eventfd.
     * Watches still open are never reported. Idempotent.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        ring();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("the disconnect watcher thread did not stop; its fds stay open");
        }
    }

    // ------------------------------------------------------------------ the watcher thread

    private void run() {
        try (LinuxNet.Scratch scratch = new LinuxNet.Scratch(MAX_EVENTS)) {
            int rc = scratch.addOrModify(epollFd, eventFd, LinuxNet.EPOLLIN, DOORBELL);
            if (rc < 0) {
                LOG.warning("the disconnect watcher cannot register its eventfd, errno " + -rc + "; it stops");
                closing = true;
            }
            while (!closing) {
                try {
                    cycle(scratch);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "disconnect watcher error; it goes on", e);
                }
                lookupsView = lookups.size();
                watchedView = watchedConnections;
                synchronized (progress) {
                    cycles++;
                    progress.notifyAll();
                }
            }
        } finally {
            synchronized (fdLock) {
                fdsClosed = true;
                LinuxNet.close(epollFd);
                LinuxNet.close(eventFd);
            }
            synchronized (progress) {
                cycles = Long.MAX_VALUE;
                progress.notifyAll();
            }
        }
    }

    private void cycle(LinuxNet.Scratch scratch) {
        takeInbox(scratch);
        long now = System.nanoTime();
        if (!lookups.isEmpty() && now - lookups.nextScan() >= 0) {
            lookups.scan(scratch, byKey.values(),
                    (entry, found) -> attach(connectionFor(entry.key, found), entry, scratch));
        }
        if (watchedConnections > 0 && now - nextValidate >= 0) {
            checkOpen(scratch, true);
            nextValidate = now + VALIDATE_MILLIS * 1_000_000L;
        }
        if (now - nextPrune >= 0) {
            checkOpen(scratch, false);
            nextPrune = now + IDLE_PRUNE_MILLIS * 1_000_000L;
        }
        int timeout = waitMillis(System.nanoTime());
        deepSleep = timeout < 0 || timeout > TICK_MILLIS;
        if (deepSleep && !inbox.isEmpty()) {
            deepSleep = false;
            return;
        }
        int count = scratch.await(epollFd, timeout);
        deepSleep = false;
        for (int i = 0; i < count; i++) {
            long token = scratch.eventData(i);
            if (token == DOORBELL) {
                scratch.drain(eventFd);
            } else {
                disconnected(token, scratch.eventMask(i));
            }
        }
    }

    /** How long epoll_wait may block: a tick while watching, longer while only idle connections are known. */
    private int waitMillis(long now) {
        if (!lookups.isEmpty()) {
            return (int) Math.max(1, Math.min(TICK_MILLIS, (lookups.nextScan() - now) / 1_000_000L + 1));
        }
        if (watchedConnections > 0) {
            return TICK_MILLIS;
        }
        return byKey.isEmpty() ? -1 : IDLE_PRUNE_MILLIS;
    }

    private void takeInbox(LinuxNet.Scratch scratch) {
        WatchEntry entry;
        while ((entry = inbox.poll()) != null) {
            if (entry.isDone()) {
                detach(entry);
            } else if (entry.connection == null && !entry.pending) {
                start(entry, scratch);
            }
        }
    }

    private void start(WatchEntry entry, LinuxNet.Scratch scratch) {
        WatchedConnection known = byKey.get(entry.key);
        if (known != null) {
            if (scratch.cookie(known.fd) == known.cookie) {
                attach(known, entry, scratch);
                return;
            }
            closedUnderUs(known);
        }
        lookups.add(entry);
    }

    private void detach(WatchEntry entry) {
        lookups.remove(entry);
        WatchedConnection connection = entry.connection;
        if (connection != null) {
            connection.detach(entry);
            if (!connection.isWatched()) {
                watchedConnections--;
            }
        }
    }

    private void attach(WatchedConnection connection, WatchEntry entry, LinuxNet.Scratch scratch) {
        if (!connection.attach(entry)) {
            return;
        }
        watchedConnections++;
        int rc = scratch.addOrModify(epollFd, connection.fd, INTEREST, connection.token);
        if (rc == -Errno.EBADF || rc == -Errno.ENOENT) {
            closedUnderUs(connection); // the JVM closed the socket since the cookie check
        } else if (rc < 0) {
            LOG.warning("cannot watch " + connection + " (epoll_ctl errno " + -rc
                    + "); its disconnect is noticed only when a write fails");
            report(connection, null);
        }
    }

    /** The epoll registration fired: the client closed (FIN) or the connection failed. */
    private void disconnected(long token, int mask) {
        WatchedConnection connection = byToken.get(token);
        if (connection != null) {
            boolean failed = (mask & (LinuxNet.EPOLLERR | LinuxNet.EPOLLHUP)) != 0;
            report(connection, failed ? Gone.LOST : Gone.CLEAN);
        }
    }

    /** Fires (or, with a null reason, drops) every watch of a connection; the registration is now disarmed. */
    private void report(WatchedConnection connection, Gone gone) {
        if (connection.isWatched()) {
            watchedConnections--;
        }
        for (WatchEntry entry : connection.takeWatches()) {
            if (gone == null) {
                entry.abandon();
            } else {
                entry.fire(gone);
            }
        }
    }

    /** The connection's fd no longer holds its socket: the JVM closed it. */
    private void closedUnderUs(WatchedConnection connection) {
        report(connection, Gone.LOST);
        forget(connection);
    }

    private void forget(WatchedConnection connection) {
        byKey.remove(connection.key, connection);
        byToken.remove(connection.token, connection);
    }

    /**
     * Checks that connections still hold their sockets: the watched ones
     * (closed under a watch: LOST), or the idle ones (closed: forgotten).
     */
    private void checkOpen(LinuxNet.Scratch scratch, boolean watched) {
        List<WatchedConnection> closed = new ArrayList<>();
        for (WatchedConnection connection : byKey.values()) {
            if (connection.isWatched() == watched && scratch.cookie(connection.fd) != connection.cookie) {
                closed.add(connection);
            }
        }
        for (WatchedConnection connection : closed) {
            closedUnderUs(connection);
        }
    }

    private WatchedConnection connectionFor(ConnectionKey key, SocketScan.Found found) {
        WatchedConnection known = byKey.get(key);
        if (known != null && known.cookie == found.cookie()) {
            return known;
        }
        if (known != null) {
            closedUnderUs(known);
        }
        WatchedConnection connection = new WatchedConnection(key, found.fd(), found.cookie(), nextToken++);
        byKey.put(key, connection);
        byToken.put(connection.token, connection);
        return connection;
    }

    // ------------------------------------------------------------------ inspection, for tests and benchmarks

    /**
     * Waits until the watcher thread has taken every watch queued before this
     * call, finished the lookups they needed, and then waited on epoll at
     * least once: a disconnect that had already happened is reported by then.
     *
     * @return false when that did not happen within {@code timeout}
     */
    boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long target;
            synchronized (progress) {
                target = cycles + 2;
            }
            synchronized (progress) {
                while (cycles < target && System.nanoTime() - deadline < 0) {
                    // Rung while holding the lock, so no cycle can end between the ring and the wait:
                    // every cycle end wakes this loop, which rings for the next one instead of a long sleep.
                    ring();
                    progress.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                }
            }
            if (inbox.isEmpty() && lookupCount() == 0) {
                return true;
            }
        }
        return false;
    }

    /** Watches queued for a lookup, as of the watcher thread's last cycle. */
    int lookupCount() {
        return lookupsView;
    }

    /** Connections with at least one watch, as of the watcher thread's last cycle. */
    int watchedConnectionCount() {
        return watchedView;
    }

    /** What the last scan of the fd table cost. */
    ScanStats lastScan() {
        return lookups.lastScan();
    }

    /** The watcher thread's id, for measuring its CPU time. */
    long threadId() {
        return thread.threadId();
    }

    /** Whether the watcher thread is running. */
    boolean isRunning() {
        return thread.isAlive();
    }

    /** The fds this watcher owns: its epoll instance and eventfd. */
    int[] ownFds() {
        return new int[] {epollFd, eventFd};
    }

    @Override
    public String toString() {
        return "EpollWatcher[" + watchedView + " connections watched, " + (closing ? "closed" : "running") + "]";
    }
}
