package dev.braid.tcp;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.service.BaseService;

/**
 * A service that opens one connection when it starts and closes it when it
 * stops (Twisted's {@code internet.TCPClient}).
 */
public class TCPClient extends BaseService {
    private final String host;
    private final int port;
    private final ClientFactory factory;
    private final double timeoutSeconds;
    private Connector connector;

    /**
     * Creates the service.
     *
     * @param host where to connect
     * @param port the port
     * @param factory the client factory
     * @param timeoutSeconds connect timeout
     */
    public TCPClient(String host, int port, ClientFactory factory, double timeoutSeconds) {
        this.host = host;
        this.port = port;
        this.factory = factory;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void startService() {
        super.startService();
        connector = Tcp.connectTCP(host, port, factory, timeoutSeconds);
    }

    @Override
    public Deferred<?> stopService() {
        super.stopService();
        if (connector != null) {
            connector.disconnect();
            connector = null;
        }
        return Deferreds.succeed(null);
    }
}
