package dev.braid.web.server;

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
 * Helidon's connection context with the guarded reader and writer: what the
 * HTTP/1 and HTTP/2 connections see, so that every byte they read or write
 * passes the {@link GuardedConnection}'s clocks. Listener callbacks get this
 * context back, which is how they find the connection.
 */
final class GuardedContext implements ConnectionContext {
    private final ConnectionContext outer;
    private final GuardedConnection connection;
    private final DataReader reader;
    private final DataWriter writer;

    GuardedContext(ConnectionContext outer, GuardedConnection connection, DataReader reader, DataWriter writer) {
        this.outer = outer;
        this.connection = connection;
        this.reader = reader;
        this.writer = writer;
    }

    GuardedConnection connection() {
        return connection;
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
    public ListenerContext listenerContext() {
        return outer.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return outer.executor();
    }

    @Override
    public Router router() {
        return outer.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return outer.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return outer.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return outer.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return outer.localPeer();
    }

    @Override
    public boolean isSecure() {
        return outer.isSecure();
    }

    @Override
    public String socketId() {
        return outer.socketId();
    }

    @Override
    public String childSocketId() {
        return outer.childSocketId();
    }
}
