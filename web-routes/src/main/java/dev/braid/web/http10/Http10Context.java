package dev.braid.web.http10;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The connection as Helidon's HTTP/1.1 code sees it: the real one, with the
 * request bytes read through a {@link RequestTranslator} and the response
 * bytes written through a {@link ResponseTranslator}, and the client marked
 * as an HTTP/1.0 one ({@link Http10Peer}).
 */
final class Http10Context implements ConnectionContext {
    private final ConnectionContext connection;
    private final DataReader reader;
    private final DataWriter writer;
    private final PeerInfo client;

    Http10Context(ConnectionContext connection) {
        this.connection = connection;
        Http10Exchange exchange = new Http10Exchange();
        this.reader = DataReader.create(new RequestTranslator(connection.dataReader(), connection.dataWriter(), exchange,
                hostOf(connection.localPeer())));
        this.writer = new ResponseTranslator(connection.dataWriter(), exchange);
        this.client = new Http10Peer(connection.remotePeer());
    }

    /** The Host header for a request that has none: the address the client connected to. */
    private static String hostOf(PeerInfo local) {
        String host = local.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + local.port();
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public PeerInfo remotePeer() {
        return client;
    }

    @Override
    public PeerInfo localPeer() {
        return connection.localPeer();
    }

    @Override
    public boolean isSecure() {
        return connection.isSecure();
    }

    @Override
    public String socketId() {
        return connection.socketId();
    }

    @Override
    public String childSocketId() {
        return connection.childSocketId();
    }

    @Override
    public ListenerContext listenerContext() {
        return connection.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return connection.executor();
    }

    @Override
    public Router router() {
        return connection.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return connection.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return connection.serverSocket();
    }
}
