package dev.braid.web.server;

import dev.braid.deferred.log.RateLimitedLog;
import io.helidon.common.HelidonServiceLoader;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelectorProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Braid's protection of a Helidon listener against hostile clients. Installed
 * on a listener ({@link #install}), it is the listener's only connection
 * selector: Helidon hands it every accepted connection before reading a
 * byte, and it runs Helidon's own HTTP/1.1 and HTTP/2 connections behind
 * {@link GuardedConnection}s. That gives, on Helidon 4.5.0:
 *
 * <ul>
 *   <li>a connection that sends nothing is closed after the idle timeout
 *       (Helidon reads the first bytes before it tracks a connection, so a
 *       silent one stayed forever);</li>
 *   <li>headers trickled byte by byte (slowloris), a stalled request body and
 *       a response the client never reads are closed at their limits
 *       ({@link ServerLimits});</li>
 *   <li>a first line no protocol recognises — {@code GET /} (HTTP/0.9),
 *       garbage — is answered 400 (505 for another HTTP version) at once,
 *       not after waiting for 24 bytes;</li>
 *   <li>chunk extensions and trailers are accepted, and a chunk-size line is
 *       bounded ({@link ChunkLineReader});</li>
 *   <li>{@code Connection: close} in a request or response closes the
 *       connection after the response;</li>
 *   <li>Helidon's own answers (a malformed request's 400) carry the same
 *       IMF-fixdate Date header as every Site response, unless the listener
 *       has direct handlers of its own;</li>
 *   <li>the listener holds at most {@link ServerLimits#effectiveMaxConnections()}
 *       connections.</li>
 * </ul>
 *
 * <pre>{@code
 * WebServerConfig.Builder server = WebServer.builder().port(8080).routing(routing);
 * ConnectionGuard.install(server, "@default", ServerLimits.defaults());
 * server.putSocket("tls", socket -> ConnectionGuard.install(socket.port(8443).tls(tls), "tls", ServerLimits.defaults()));
 * }</pre>
 */
public final class ConnectionGuard implements ServerConnectionSelector {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());

    private final ServerLimits limits;
    private final List<ServerConnectionSelector> selectors;
    private final Set<String> applicationProtocols = new LinkedHashSet<>();
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, Level.INFO, Duration.ofMinutes(1));

    private ConnectionGuard(ServerLimits limits, List<ServerConnectionSelector> selectors) {
        this.limits = limits;
        this.selectors = List.copyOf(selectors);
        for (ServerConnectionSelector selector : selectors) {
            applicationProtocols.addAll(selector.supportedApplicationProtocols());
        }
    }

    /**
     * Puts a guard on a listener: it replaces the listener's protocol
     * selectors by one guard over Helidon's own (HTTP/1.1 with its h2c
     * upgrade, HTTP/2, and any other found on the class path), caps its
     * connections, and sets Helidon's idle-connection timer to the idle
     * timeout.
     *
     * <p>The guard must be the listener's only selector (Helidon gives a
     * connection to a lone selector before reading from it): selectors the
     * listener already has ({@code addConnectionSelector} before this call)
     * and those passed as {@code first} are taken into the guard, which asks
     * them before HTTP/1.1 and HTTP/2. Install the guard after adding them.
     *
     * @param listener the listener's configuration (a {@code WebServerConfig.Builder} for the default socket)
     * @param socketName the listener's name
     * @param limits the limits
     * @param first selectors to try before Helidon's own, in order
     * @param <B> the builder's type
     * @return the listener builder
     */
    public static <B extends ListenerConfig.BuilderBase<B, ?>> B install(B listener, String socketName,
                                                                         ServerLimits limits,
                                                                         ServerConnectionSelector... first) {
        int maxConnections = limits.effectiveMaxConnections();
        List<ServerConnectionSelector> own = new ArrayList<>(listener.connectionSelectors());
        own.addAll(List.of(first));
        if (listener.directHandlers().isEmpty()) {
            listener.directHandlers(datedDirectHandlers());
        }
        return listener.protocolsDiscoverServices(false)
                .clearProtocols()
                .clearConnectionSelectors()
                .addConnectionSelector(create(socketName, limits, own.toArray(ServerConnectionSelector[]::new)))
                .maxTcpConnections(maxConnections)
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(limits.tick());
    }

    /** Helidon's own answers to every transport event, with Braid's Date header. */
    private static DirectHandlers datedDirectHandlers() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        DatedDirectHandler dated = new DatedDirectHandler();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, dated);
        }
        return handlers.build();
    }

    /**
     * Creates a guard over the protocols found on the class path, with their default settings.
     *
     * @param socketName the listener's name
     * @param limits the limits
     * @param first selectors to try before those found, in order
     * @return the guard
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static ConnectionGuard create(String socketName, ServerLimits limits, ServerConnectionSelector... first) {
        List<ProtocolConfig> protocols = new ArrayList<>();
        for (ProtocolConfig protocol : ListenerConfig.create().protocols()) {
            // Each list holds only Braid's listener: Helidon 4.5 joins several into one that calls none of them,
            // and its own (packet logging at TRACE) would be the other.
            protocols.add(protocol instanceof Http1Config http1 ? Http1Config.builder().from(http1)
                    .clearReceiveListeners().addReceiveListener(Http1Events.RECEIVED)
                    .clearSendListeners().addSendListener(Http1Events.SENT).build() : protocol);
        }
        ProtocolConfigs configs = ProtocolConfigs.create(protocols);
        List<ServerConnectionSelector> selectors = new ArrayList<>(List.of(first));
        for (ServerConnectionSelectorProvider provider : HelidonServiceLoader.create(
                ServiceLoader.load(ServerConnectionSelectorProvider.class)).asList()) {
            for (Object config : configs.config(provider.protocolType(), provider.protocolConfigType())) {
                selectors.add(provider.create(socketName, (ProtocolConfig) config, configs));
            }
        }
        if (selectors.isEmpty()) {
            throw new IllegalStateException("no HTTP protocol found on the class path");
        }
        return new ConnectionGuard(limits, selectors);
    }

    /**
     * Returns the limits.
     *
     * @return the limits
     */
    public ServerLimits limits() {
        return limits;
    }

    /**
     * Returns how many connections the guards of this process closed for passing a limit.
     *
     * @return the count since the process started
     */
    public static long connectionsClosed() {
        return ConnectionWatchdog.INSTANCE.killed();
    }

    List<ServerConnectionSelector> selectors() {
        return selectors;
    }

    Optional<ServerConnectionSelector> byApplicationProtocol(String protocol) {
        return selectors.stream().filter(s -> s.supportedApplicationProtocols().contains(protocol)).findFirst();
    }

    void refused(ConnectionContext ctx, String firstLine) {
        refusals.record("unrecognised", () -> "Refused a connection from " + ctx.remotePeer().host()
                + " that is not HTTP/1.1 or HTTP/2: " + firstLine.replaceAll("[^ -~]", "?"));
    }

    /** Every connection is the guard's: it identifies the protocol itself, before any byte is read. */
    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return applicationProtocols;
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new GuardedConnection(ctx, this);
    }
}
