package dev.braid.app.web;

import dev.braid.app.endpoint.ServerEndpoint;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Threads;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.service.BaseService;
import dev.braid.web.server.ConnectionGuard;
import dev.braid.web.server.ServerLimits;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Helidon web server as a service of the tree (Twisted's
 * {@code strports.service(description, site)}): it listens on one or more
 * endpoints, all serving the same routing (so the same {@code Site}s and
 * sessions), from {@link #privilegedStartService()} — ports below 1024 are
 * bound before braid drops root — until {@link #stopService()}.
 *
 * <p>A port that cannot be bound fails start-up, as Twisted's strports
 * services do ({@code _raiseSynchronously}), with an {@link UncheckedIOException}
 * whose message says which port and why ({@code Couldn't listen on
 * 127.0.0.1:8080: Address already in use}). Each listening port is logged as
 * twistd does ({@code Site starting on 8080}).
 *
 * <p>Stopping is graceful: from its first moment every new request is
 * refused with 503 ({@code Connection: close}), while the requests in flight
 * get a grace period to finish (five seconds by default); then the ports close
 * and whatever still runs is cut, and the log says how many ({@code 2 requests
 * still running after the grace period of 5 s were cut}); then
 * {@code (TCP Port 8080 Closed)}. The ports stay open during the grace period
 * because Helidon, once stopped, drops HTTP/2 streams in flight at the
 * client's next frame: the drain is Braid's, for both protocols. TCP and TLS
 * ({@code ssl:} with PEM files) endpoints are served; Unix sockets are not
 * (Helidon listens on TCP only).
 *
 * <p>Every listener is guarded ({@link ConnectionGuard}): silent, slow and
 * non-reading clients are closed at the {@link ServerLimits}, and each
 * listener holds at most its share of the process's file descriptors. A
 * listener that Helidon ends by itself (an accept failing for want of file
 * descriptors) is noticed and the server restarted on the same ports.
 *
 * <pre>{@code
 * HttpRouting.Builder routing = HttpRouting.builder().register("/", Site.create(root));
 * new WebServerService(List.of(EndpointParser.parse("tcp:8080", base)), routing, "Site")
 *         .setServiceParent(application.services());
 * }</pre>
 */
public final class WebServerService extends BaseService {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(WebServerService.class.getName());
    /** How long requests in flight may take to finish once stopping began, unless told otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    /**
     * TCP_NODELAY on every accepted connection (Helidon's default is off): a
     * page written in parts and then finished goes out as several small
     * segments, and with Nagle on, the last one waits for the client's delayed
     * ACK — 40 ms per request on Linux.
     */
    private static final SocketOptions NO_DELAY = SocketOptions.builder().tcpNoDelay(true).build();

    /**
     * Helidon's NIO sockets keep an 8 KB read and an 8 KB write buffer per
     * connection; its stream sockets only the 8 KB read buffer (the JDK's
     * socket stream writes straight through): 8 KB less per held request, at
     * the same throughput (BENCHMARKS.md); {@code -Dbraid.web.nio=true} goes
     * back to NIO. TLS listeners keep NIO: a stream socket's TLS handshake runs before
     * any connection selector sees the connection, where no idle limit reaches
     * it, so a client that connects and says nothing would hold it forever.
     */
    private static final boolean USE_NIO = Boolean.getBoolean("braid.web.nio");

    /** Helidon's own wait at its stop, which comes after Braid's drain: only long enough to answer a 503. */
    private static final Duration HELIDON_GRACE = Duration.ofMillis(200);

    private final List<ServerEndpoint.Tcp> ports = new ArrayList<>();
    private final List<Tls> tls = new ArrayList<>();
    private final HttpRouting.Builder routing;
    private final String label;
    private final Duration grace;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final ServerLimits limits;
    private volatile WebServer server;
    private WebServer restarting;
    private final List<Integer> bound = new ArrayList<>();

    /**
     * Creates the service; nothing is bound yet.
     *
     * @param endpoints where to listen, at least one
     * @param routing what to serve on every endpoint
     * @param label how the log names what is served (Twisted logs "Site")
     * @throws IllegalArgumentException for a Unix endpoint or unreadable TLS files
     */
    public WebServerService(List<ServerEndpoint> endpoints, HttpRouting.Builder routing, String label) {
        this(endpoints, routing, label, DEFAULT_GRACE);
    }

    /**
     * Creates the service with a given shutdown grace period.
     *
     * @param endpoints where to listen, at least one
     * @param routing what to serve on every endpoint
     * @param label how the log names what is served
     * @param grace how long requests in flight may take to finish at shutdown
     * @throws IllegalArgumentException for a Unix endpoint or unreadable TLS files
     */
    public WebServerService(List<ServerEndpoint> endpoints, HttpRouting.Builder routing, String label, Duration grace) {
        this(endpoints, routing, label, grace, ServerLimits.defaults());
    }

    /**
     * Creates the service with a grace period and limits against hostile clients.
     *
     * @param endpoints where to listen, at least one
     * @param routing what to serve on every endpoint
     * @param label how the log names what is served
     * @param grace how long requests in flight may take to finish at shutdown
     * @param limits the timeouts and the connection cap of every listener
     * @throws IllegalArgumentException for a Unix endpoint or unreadable TLS files
     */
    public WebServerService(List<ServerEndpoint> endpoints, HttpRouting.Builder routing, String label, Duration grace,
                            ServerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a web server needs at least one endpoint");
        }
        for (ServerEndpoint endpoint : endpoints) {
            switch (endpoint) {
                case ServerEndpoint.Tcp tcp -> {
                    ports.add(tcp);
                    tls.add(null);
                }
                case ServerEndpoint.Ssl ssl -> {
                    ports.add(ssl.tcp());
                    tls.add(tls(ssl));
                }
                case ServerEndpoint.Unix unix -> throw new IllegalArgumentException(
                        "cannot serve the web on a Unix socket (" + unix.description() + "): use tcp: or ssl:");
            }
        }
        this.routing = Objects.requireNonNull(routing, "routing").addFilter(inFlight);
        this.label = label;
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    private static Tls tls(ServerEndpoint.Ssl ssl) {
        for (var file : List.of(ssl.privateKey(), ssl.certKey())) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file + " for endpoint '" + ssl.description() + "'");
            }
        }
        Keys keys = Keys.builder()
                .pem(pem -> pem.key(Resource.create(ssl.privateKey())).certChain(Resource.create(ssl.certKey())))
                .build();
        return Tls.builder().privateKey(keys).privateKeyCertChain(keys).build();
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        if (server != null) {
            return;
        }
        List<Integer> wanted = new ArrayList<>();
        for (ServerEndpoint.Tcp port : ports) {
            wanted.add(port.port());
        }
        checkBindable();   // before Helidon tries: it logs a refused port with a long stack trace
        WebServer started;
        try {
            started = ListenerWatch.startWatched(() -> start(wanted), this::listenerDied);
        } catch (RuntimeException e) {
            throw cannotListen(describe(), rootMessage(e));
        }
        if (!started.isRunning()) {
            // Helidon logs a listener that cannot bind and returns a stopped server: find out why.
            checkBindable();
            throw cannotListen(describe(), "the web server did not start (see the log)");
        }
        server = started;
        for (int i = 0; i < ports.size(); i++) {
            int port = i == 0 ? server.port() : server.port(socketName(i));
            bound.add(port);
            Log.msg(label + " starting on " + port);
        }
    }

    /** Builds and starts a server listening on {@code portNumbers}, one per endpoint. */
    private WebServer start(List<Integer> portNumbers) {
        WebServerConfig.Builder builder = WebServer.builder().shutdownHook(false).shutdownGracePeriod(HELIDON_GRACE)
                .connectionOptions(NO_DELAY).useNio(USE_NIO);
        for (int i = 0; i < ports.size(); i++) {
            ServerEndpoint.Tcp port = ports.get(i);
            int number = portNumbers.get(i);
            Tls portTls = tls.get(i);
            if (i == 0) {
                builder.host(port.bindHost()).port(number).backlog(port.backlog()).routing(routing);
                if (portTls != null) {
                    builder.tls(portTls).useNio(true);
                }
            } else {
                String name = socketName(i);
                builder.putSocket(name, socket -> {
                    socket.host(port.bindHost()).port(number).backlog(port.backlog()).connectionOptions(NO_DELAY)
                            .useNio(USE_NIO);
                    if (portTls != null) {
                        socket.tls(portTls).useNio(true);
                    }
                    ConnectionGuard.install(socket, name, limits);
                });
                builder.routing(name, routing);
            }
        }
        ConnectionGuard.install(builder, WebServer.DEFAULT_SOCKET_NAME, limits);
        return builder.build().start();
    }

    /**
     * A listener of {@code dead} stopped while the service runs: Helidon ends
     * a listener whose accept fails, for instance when the process has no
     * file descriptor left. The server is restarted on the same ports, again
     * and again (a second apart) until it can bind, so the web comes back as
     * soon as descriptors are free. Requests in flight on the other listeners
     * are cut; sessions survive.
     */
    private void listenerDied(WebServer dead) {
        synchronized (this) {
            if (server != dead || restarting == dead) {
                return;   // stopped on purpose, restarted meanwhile, or restarting already
            }
            restarting = dead;
        }
        List<Integer> again = List.copyOf(bound);
        LOG.severe("A listener of the web server on " + again + " stopped (see the error above): restarting the server");
        dead.stop();
        for (int attempt = 1; ; attempt++) {
            synchronized (this) {
                if (server != dead) {
                    return;
                }
            }
            try {
                WebServer fresh = ListenerWatch.startWatched(() -> start(again), this::listenerDied);
                if (fresh.isRunning()) {
                    synchronized (this) {
                        if (server != dead) {
                            fresh.stop();   // the service was stopped meanwhile
                            return;
                        }
                        server = fresh;
                    }
                    LOG.warning("The web server listens again on " + again + " (attempt " + attempt + ")");
                    return;
                }
            } catch (RuntimeException e) {
                if (attempt == 1 || attempt % 60 == 0) {
                    LOG.warning("Cannot restart the web server yet (attempt " + attempt + "): " + rootMessage(e));
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
        }
    }

    @Override
    public void startService() {
        if (server == null) {
            privilegedStartService();
        }
        super.startService();
    }

    /**
     * Refuses new requests at once (503), gives the requests in flight the
     * grace period, then closes the ports and cuts what still runs (counted in
     * the log). The server stops on a subtask of the current loop, which does
     * not block.
     *
     * @return fires once the server has stopped
     */
    @Override
    public Deferred<?> stopService() {
        super.stopService();
        WebServer stopping;
        synchronized (this) {
            stopping = server;
            server = null;
        }
        if (stopping == null) {
            return Deferreds.succeed(null);
        }
        return Threads.deferToThread(() -> {
            inFlight.refuseNew();
            int cut = inFlight.awaitNone(grace);
            stopping.stop();   // closes the ports; after its short grace, interrupts what still runs
            return cut;
        }).addCallback(cut -> {
            if (cut > 0) {
                Log.msg(cut + (cut == 1 ? " request" : " requests") + " still running after the grace period of "
                        + seconds(grace) + " were cut");
            }
            for (int port : bound) {
                Log.msg("(TCP Port " + port + " Closed)");
            }
            bound.clear();
            return null;
        });
    }

    /**
     * Returns the ports listened on, in endpoint order (useful with port 0).
     *
     * @return the bound ports; empty before start and after stop
     */
    public List<Integer> boundPorts() {
        return List.copyOf(bound);
    }

    /**
     * Binds each fixed port briefly, as Helidon will (address reuse on), so a
     * port in use is reported in one line with the operating system's reason.
     */
    private void checkBindable() {
        for (ServerEndpoint.Tcp port : ports) {
            if (port.port() == 0) {
                continue;
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(port.bindHost(), port.port()), 1);
            } catch (IOException e) {
                throw cannotListen(port.bindHost() + ":" + port.port(), e.getMessage());
            }
        }
    }

    private static UncheckedIOException cannotListen(String where, String why) {
        return new UncheckedIOException(new BindException("Couldn't listen on " + where + ": " + why));
    }

    /** "5 s", "0.5 s". */
    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static String socketName(int index) {
        return "listen-" + index;
    }

    private String describe() {
        List<String> all = new ArrayList<>();
        for (ServerEndpoint.Tcp port : ports) {
            all.add(port.bindHost() + ":" + port.port());
        }
        return String.join(", ", all);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UncheckedIOException io && io.getCause() != null) {
            cause = io.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public String toString() {
        return "WebServerService[" + describe() + "]";
    }
}
