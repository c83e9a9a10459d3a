package dev.braid.web.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http1.Http1Connection;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One accepted connection, from its first byte to its end: it identifies the
 * protocol itself (so the connection is watched before any byte arrives),
 * hands the connection to Helidon's HTTP/1 or HTTP/2 code through a
 * {@link GuardedContext}, and keeps the clocks the {@link ConnectionWatchdog}
 * reads: when the current read and write started, when the HTTP/1 request
 * line was read and whether its headers are complete.
 *
 * <p>Idle time and closing are Helidon's own (its idle-connection timer calls
 * {@link #idleTime()} and {@link #close(boolean)}, which interrupts a
 * connection only while it waits for a request); the watchdog handles the
 * rest by {@link #kill killing} a connection stuck in a read or a write.
 */
final class GuardedConnection implements ServerConnection {
    /** What {@link #overdue} says when a closing connection has lingered long enough (not an attack). */
    static final String LINGERED = "lingered";
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final long LINGER_BYTES = 1 << 20;
    /** The connection its thread handles, for listeners that get a context wrapped around the guarded one. */
    private static final ThreadLocal<GuardedConnection> HANDLED = new ThreadLocal<>();

    private final ConnectionContext outer;
    private final ConnectionGuard guard;
    private final long acceptedAt = System.nanoTime();
    private final GuardedContext context;
    private volatile ServerConnection inner;
    private volatile Thread handler;
    private volatile boolean closing;

    private volatile long readingSince;
    private volatile Thread readingThread;
    private volatile long writingSince;
    private volatile Thread writingThread;
    private volatile long requestLineAt;
    private volatile boolean headersRead = true;
    private volatile boolean closeAfterResponse;
    private volatile boolean serverClosing;
    private volatile long lingerUntil;
    private volatile String killed;

    GuardedConnection(ConnectionContext outer, ConnectionGuard guard) {
        this.outer = outer;
        this.guard = guard;
        this.context = new GuardedContext(outer, this, new ChunkLineReader(this::read),
                new TimedWriter(outer.dataWriter(), this));
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        handler = Thread.currentThread();
        HANDLED.set(this);
        ConnectionWatchdog.INSTANCE.watch(this);
        try {
            Optional<ServerConnectionSelector> selector = choose();
            if (selector.isEmpty()) {
                refuse();
                return;
            }
            ServerConnection connection = selector.get().connection(context);
            inner = connection;
            if (closing) {
                connection.close(true);
                return;
            }
            connection.handle(limit);
        } finally {
            ConnectionWatchdog.INSTANCE.forget(this);
            HANDLED.remove();
        }
    }

    /**
     * Returns the guarded connection an HTTP/1 listener call is about: the
     * context's own, or — when a protocol wrapped the context (HTTP/1.0) — the
     * one this thread handles.
     *
     * @param ctx the context the listener got
     * @return the connection, or null outside a guarded listener
     */
    static GuardedConnection of(io.helidon.webserver.ConnectionContext ctx) {
        return ctx instanceof GuardedContext guarded ? guarded.connection() : HANDLED.get();
    }

    private Optional<ServerConnectionSelector> choose() {
        HelidonSocket socket = outer.serverSocket();
        if (socket.protocolNegotiated()) {
            Optional<ServerConnectionSelector> negotiated = guard.byApplicationProtocol(socket.protocol());
            if (negotiated.isPresent()) {
                return negotiated;
            }
        }
        return ProtocolSniffer.identify(context.dataReader(), guard.selectors());
    }

    /** Answers what no protocol recognised — an HTTP/0.9 line, garbage — and lets the connection close. */
    private void refuse() {
        String line = ProtocolSniffer.firstLine(context.dataReader());
        boolean version = line.matches(".* HTTP/\\d(\\.\\d)?");
        String status = version ? "505 HTTP Version Not Supported" : "400 Bad Request";
        String body = version ? "This server speaks HTTP/1.1 and HTTP/2.\n" : "Not an HTTP request.\n";
        String response = "HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        guard.refused(outer, line);
        try {
            context.dataWriter().writeNow(BufferData.create(response.getBytes(StandardCharsets.US_ASCII)));
        } catch (RuntimeException gone) {
            // the client left already
        }
    }

    @Override
    public Duration idleTime() {
        ServerConnection connection = inner;
        return connection != null ? connection.idleTime() : Duration.ofNanos(System.nanoTime() - acceptedAt);
    }

    @Override
    public void close(boolean interrupt) {
        closing = true;
        ServerConnection connection = inner;
        if (connection != null) {
            connection.close(interrupt);
        } else if (handler != null) {
            handler.interrupt();   // still waiting for the first bytes: no request to spare
        }
    }

    // ------------------------------------------------------------------ I/O clocks

    /** The bytes supplier of the connection's reader: Helidon's socket, timed. */
    private byte[] read() {
        if (closeAfterResponse && waitingForRequest()) {
            if (serverClosing) {
                linger();
            }
            throw new CloseConnectionException("the last response said Connection: close");
        }
        readingThread = Thread.currentThread();
        readingSince = System.nanoTime();
        try {
            return outer.serverSocket().get();
        } catch (UncheckedIOException e) {
            throw new ServerConnectionException("Failed to get data from socket", e);
        } finally {
            readingSince = 0;
            readingThread = null;
            failIfKilled();
        }
    }

    /**
     * Reads and drops what the client still sends (the rest of a body nobody
     * read) before the connection closes, for at most {@value #LINGER_BYTES}
     * bytes or {@link #LINGER}: closing a socket with unread data sends a
     * reset, which can destroy the response on its way to the client — a 413
     * would arrive as "connection reset". (Apache and nginx linger the same
     * way.) Only when the server chose to close: a client that asked for the
     * close has sent its request and may be reading until the connection ends.
     */
    private void linger() {
        lingerUntil = System.nanoTime() + LINGER.toNanos();
        readingThread = Thread.currentThread();
        try {
            long drained = 0;
            byte[] bytes;
            while (drained < LINGER_BYTES && killed == null && (bytes = outer.serverSocket().get()) != null) {
                drained += bytes.length;
            }
        } catch (RuntimeException closedOrReset) {
            // the client is gone, or the linger time is over: close now
        } finally {
            readingThread = null;
            Thread.interrupted();   // a kill that ended the linger must not reach the next user of this thread
        }
    }

    void writeStarted() {
        writingThread = Thread.currentThread();
        writingSince = System.nanoTime();
    }

    void writeEnded() {
        writingSince = 0;
        writingThread = null;
        failIfKilled();
    }

    private void failIfKilled() {
        String reason = killed;
        if (reason != null) {
            throw new ServerConnectionException("closed by the connection guard: " + reason,
                    new java.net.SocketTimeoutException(reason));
        }
    }

    /** Whether the HTTP/1 connection is between requests (reading a request line), not upgraded or identifying. */
    private boolean waitingForRequest() {
        return inner instanceof Http1Connection http1 && http1.canInterrupt();
    }

    // ------------------------------------------------------------------ HTTP/1 events (Http1Events)

    void requestLineRead() {
        if (closeAfterResponse) {
            throw new CloseConnectionException("the last response said Connection: close");
        }
        requestLineAt = System.nanoTime();
        headersRead = false;
    }

    void headersRead() {
        headersRead = true;
    }

    /**
     * The connection ends after the current response.
     *
     * @param byServer true when the response asked for it and the request did not
     */
    void closeAfterResponse(boolean byServer) {
        if (byServer && !closeAfterResponse) {
            serverClosing = true;
        }
        closeAfterResponse = true;
    }

    // ------------------------------------------------------------------ the watchdog's side

    /**
     * Tells which limit this connection has passed, if any.
     *
     * @param now {@link System#nanoTime()}
     * @param limits the limits
     * @return "write stall", "header timeout" or "body stall", or empty
     */
    Optional<String> overdue(long now, ServerLimits limits) {
        long linger = lingerUntil;
        if (linger != 0) {
            return now > linger ? Optional.of(LINGERED) : Optional.empty();
        }
        long writing = writingSince;
        if (writing != 0 && now - writing > limits.writeTimeout().toNanos()) {
            return Optional.of("write stall");
        }
        long reading = readingSince;
        if (reading == 0 || !(inner instanceof Http1Connection http1) || http1.canInterrupt()) {
            return Optional.empty();   // not reading, not HTTP/1 (HTTP/2 streams have their own flow), or idle
        }
        if (!headersRead) {
            return now - requestLineAt > limits.headerTimeout().toNanos() ? Optional.of("header timeout")
                    : Optional.empty();
        }
        return now - reading > limits.bodyTimeout().toNanos() ? Optional.of("body stall") : Optional.empty();
    }

    /**
     * Ends a connection stuck in a read or a write: the blocked thread is
     * interrupted, which closes the socket under it (a virtual thread's
     * socket I/O is interruptible), and the guarded reader and writer refuse
     * to go on.
     *
     * @param reason what limit was passed
     */
    void kill(String reason) {
        if (killed != null) {
            return;
        }
        killed = reason;
        for (Thread blocked : new Thread[] {writingThread, readingThread}) {
            if (blocked != null) {
                blocked.interrupt();
            }
        }
    }

    ServerLimits limits() {
        return guard.limits();
    }

    String peer() {
        return outer.remotePeer().host() + ":" + outer.remotePeer().port();
    }
}
