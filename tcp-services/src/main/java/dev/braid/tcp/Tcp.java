package dev.braid.tcp;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectError;
import dev.braid.deferred.error.ConnectingTimeoutError;
import dev.braid.deferred.error.ConnectionRefusedError;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.log.RateLimitedLog;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listening and connecting (Twisted's {@code reactor.listenTCP} and
 * {@code reactor.connectTCP}). A listening port accepts on its own virtual
 * thread; each connection runs as its own {@link EventLoop} on a virtual
 * thread, so a protocol's callbacks never run at the same time.
 *
 * <pre>{@code
 * ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(Echo::new), "127.0.0.1");
 * System.out.println("listening on " + port.port());
 * }</pre>
 */
public final class Tcp {
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private Tcp() {
    }

    /**
     * Listens on {@code port} of {@code iface}.
     *
     * @param port the port; 0 lets the system choose ({@link ListeningPort#port()} tells which)
     * @param factory builds a protocol per connection
     * @param iface the address to bind, e.g. "127.0.0.1"; "" or null for all interfaces
     * @return the listening port
     * @throws IOException if the port cannot be bound (in use, no permission)
     */
    public static ListeningPort listenTCP(int port, ServerFactory factory, String iface) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        InetAddress address = iface == null || iface.isEmpty() ? null : InetAddress.getByName(iface);
        try {
            server.bind(new InetSocketAddress(address, port), 1024);
        } catch (IOException e) {
            server.close();
            throw new IOException("Couldn't listen on " + (iface == null || iface.isEmpty() ? "any" : iface) + ":"
                    + port + ": " + e.getMessage(), e);
        }
        factory.doStart();
        Port listening = new Port(server, factory);
        listening.acceptor = Thread.ofVirtual().name("tcp-accept-" + server.getLocalPort()).start(listening::acceptForever);
        return listening;
    }

    /**
     * Listens on {@code port} of every interface.
     *
     * @param port the port, 0 for any
     * @param factory builds a protocol per connection
     * @return the listening port
     * @throws IOException if the port cannot be bound
     */
    public static ListeningPort listenTCP(int port, ServerFactory factory) throws IOException {
        return listenTCP(port, factory, null);
    }

    /**
     * Connects to {@code host:port} in the background. The factory hears
     * {@code startedConnecting} at once, then either builds the protocol (whose
     * callbacks run on the new connection's loop) or gets
     * {@code clientConnectionFailed} with {@link ConnectionRefusedError},
     * {@link ConnectingTimeoutError} or {@link ConnectError}.
     *
     * @param host the host name or address
     * @param port the port
     * @param factory the client factory
     * @param timeoutSeconds how long to try (Twisted's default is 30)
     * @return the attempt
     */
    public static Connector connectTCP(String host, int port, ClientFactory factory, double timeoutSeconds) {
        Attempt attempt = new Attempt(host, port, factory, EventLoop.current().orElse(null));
        factory.doStart();
        factory.startedConnecting(attempt);
        attempt.thread = Thread.ofVirtual().name("tcp-connect-" + host + ":" + port)
                .start(() -> attempt.connect(timeoutSeconds));
        return attempt;
    }

    /**
     * A listening socket and its accept thread. An accept that fails while the
     * socket is open — no file descriptor left (EMFILE, ENFILE), no buffer
     * memory — does not end the port: the failure is logged (at a bounded
     * rate), the thread waits a moment, longer after each failure (10 ms
     * doubling to 1 s), and accepts again, so the port serves as soon as
     * descriptors are free. Only {@link #stopListening()} ends it.
     */
    private static final class Port implements ListeningPort {
        private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(10);
        private static final long LONGEST_PAUSE = TimeUnit.SECONDS.toNanos(1);

        private final ServerSocket server;
        private final ServerFactory factory;
        private final Deferred<Void> stopped = new Deferred<>();
        private final RateLimitedLog acceptFailures = new RateLimitedLog(Logger.getLogger(Tcp.class.getName()),
                Level.WARNING, Duration.ofMinutes(1));
        private volatile Thread acceptor;

        Port(ServerSocket server, ServerFactory factory) {
            this.server = server;
            this.factory = factory;
        }

        void acceptForever() {
            long pause = 0;
            long failures = 0;
            try {
                while (!server.isClosed()) {
                    Socket socket;
                    try {
                        socket = server.accept();
                    } catch (IOException e) {
                        if (server.isClosed()) {
                            break;   // stopListening closed the socket
                        }
                        failures++;
                        pause = pause == 0 ? FIRST_PAUSE : Math.min(LONGEST_PAUSE, pause * 2);
                        long wait = pause;
                        acceptFailures.record(e.getMessage() == null ? e.toString() : e.getMessage(),
                                () -> "Port " + server.getLocalPort() + " cannot accept: " + e.getMessage()
                                        + "; retrying (every " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms or less)");
                        LockSupport.parkNanos(pause);
                        continue;
                    }
                    if (failures > 0) {
                        Log.msg("Port " + server.getLocalPort() + " accepts again after " + failures
                                + " failed accepts");
                        failures = 0;
                        pause = 0;
                    }
                    start(socket);
                }
            } finally {
                acceptFailures.flush();
                factory.doStop();
                stopped.callback(null); // handed to the loop that listened, if it still runs
            }
        }

        private void start(Socket socket) {
            try {
                Thread.ofVirtual().name("tcp-conn").start(() -> serve(socket));
            } catch (RuntimeException | OutOfMemoryError e) {
                acceptFailures.record("no thread", () -> "Port " + server.getLocalPort()
                        + " cannot start a connection: " + e);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        }

        private void serve(Socket socket) {
            try {
                socket.setTcpNoDelay(true);
                Protocol protocol = factory.buildProtocol((InetSocketAddress) socket.getRemoteSocketAddress());
                if (protocol == null) {
                    socket.close();
                    return;
                }
                new TcpConnection(socket, protocol, "tcp-" + CONNECTIONS.incrementAndGet(), reason -> { }).run();
            } catch (IOException | RuntimeException e) {
                Log.err(e, "could not serve a connection on port " + server.getLocalPort());
                closeQuietly(socket);
            } catch (LinkageError e) {
                // A class that could not be loaded (out of descriptors, say): the
                // connection is lost, but its socket must not leak with it.
                acceptFailures.record("no class", () -> "Port " + server.getLocalPort()
                        + " cannot serve a connection: " + e);
                closeQuietly(socket);
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone
            }
        }

        @Override
        public InetSocketAddress getHost() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        @Override
        public Deferred<Void> stopListening() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closed already
            }
            Thread waiting = acceptor;
            if (waiting != null) {
                LockSupport.unpark(waiting);   // it may be pausing after a failed accept
            }
            return stopped;
        }

        @Override
        public String toString() {
            return "ListeningPort[" + getHost() + "]";
        }
    }

    /** One outgoing connection attempt. */
    private static final class Attempt implements Connector {
        private final String host;
        private final int port;
        private final ClientFactory factory;
        private final EventLoop caller;
        private volatile Thread thread;
        private volatile Socket socket;
        private volatile boolean stopped;

        Attempt(String host, int port, ClientFactory factory, EventLoop caller) {
            this.host = host;
            this.port = port;
            this.factory = factory;
            this.caller = caller;
        }

        void connect(double timeoutSeconds) {
            Socket s = new Socket();
            socket = s;
            try {
                s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.round(timeoutSeconds * 1000)));
            } catch (UnknownHostException e) {
                failed(new ConnectError("DNS lookup failed: address '" + host + "' not found: " + e.getMessage()), s);
                return;
            } catch (SocketTimeoutException e) {
                failed(new ConnectingTimeoutError("User timeout caused connection failure.", e), s);
                return;
            } catch (ConnectException e) {
                failed(new ConnectionRefusedError("Connection was refused by other side: " + e.getMessage(), e), s);
                return;
            } catch (IOException e) {
                failed(new ConnectError(stopped ? "Connection attempt stopped" : "An error occurred while connecting: "
                        + e.getMessage(), e), s);
                return;
            }
            try {
                s.setTcpNoDelay(true);
            } catch (IOException resetAlready) {
                // connected, then reset at once: the connection's reader reports the loss
            }
            if (stopped) {
                failed(new ConnectError("Connection attempt stopped"), s);
                return;
            }
            Protocol protocol = factory.buildProtocol((InetSocketAddress) s.getRemoteSocketAddress());
            new TcpConnection(s, protocol, "tcp-client-" + CONNECTIONS.incrementAndGet(),
                    reason -> notifyFactory(() -> {
                        factory.clientConnectionLost(this, reason);
                        factory.doStop();
                    })).run();
        }

        private void failed(Exception error, Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // never connected
            }
            Failure reason = new Failure(error);
            notifyFactory(() -> {
                factory.clientConnectionFailed(this, reason);
                factory.doStop();
            });
        }

        /** Factory notifications run on the caller's loop when there is one. */
        private void notifyFactory(Runnable notification) {
            if (caller != null && !caller.isStopped()) {
                try {
                    caller.callFromThread(notification);
                    return;
                } catch (IllegalStateException stoppedMeanwhile) {
                    // fall through
                }
            }
            notification.run();
        }

        @Override
        public InetSocketAddress getDestination() {
            return InetSocketAddress.createUnresolved(host, port);
        }

        @Override
        public void stopConnecting() {
            stopped = true;
            Socket s = socket;
            if (s != null && !s.isConnected()) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        @Override
        public void disconnect() {
            stopConnecting();
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
