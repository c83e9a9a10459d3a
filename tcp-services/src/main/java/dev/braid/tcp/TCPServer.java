package dev.braid.tcp;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.service.BaseService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A service that listens on a port while it runs (Twisted's
 * {@code internet.TCPServer}). The port is bound in
 * {@link #privilegedStartService()}, before the launcher drops privileges, so
 * ports below 1024 work with {@code --uid}.
 *
 * <pre>{@code
 * new TCPServer(10000, "127.0.0.1", poetryFactory).setServiceParent(application.services());
 * }</pre>
 */
public class TCPServer extends BaseService {
    private final int port;
    private final String iface;
    private final ServerFactory factory;
    private ListeningPort listening;

    /**
     * Creates the service.
     *
     * @param port the port, 0 for any
     * @param iface the interface, null or "" for all
     * @param factory builds the protocols
     */
    public TCPServer(int port, String iface, ServerFactory factory) {
        this.port = port;
        this.iface = iface;
        this.factory = factory;
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        if (listening == null) {
            try {
                listening = Tcp.listenTCP(port, factory, iface);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void startService() {
        super.startService();
        privilegedStartService(); // no-op when already bound
    }

    @Override
    public Deferred<?> stopService() {
        super.stopService();
        if (listening == null) {
            return Deferreds.succeed(null);
        }
        ListeningPort closing = listening;
        listening = null;
        return closing.stopListening();
    }

    /**
     * Returns the listening port while the service runs.
     *
     * @return the port, or empty when not listening
     */
    public Optional<ListeningPort> listeningPort() {
        return Optional.ofNullable(listening);
    }
}
