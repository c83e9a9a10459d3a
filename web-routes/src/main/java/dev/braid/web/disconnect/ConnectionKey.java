package dev.braid.web.disconnect;

import dev.braid.posix.Endpoint;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * A TCP connection's two ends, seen from this process: at most one open
 * connection has a given key at a time, so it names the socket behind a request.
 *
 * @param local  this server's end
 * @param remote the client's end
 */
record ConnectionKey(Endpoint local, Endpoint remote) {
    /**
     * The key for a request's peers, or empty when they are not resolved IP
     * socket addresses (nothing to look up then).
     */
    static Optional<ConnectionKey> of(SocketAddress local, SocketAddress remote) {
        if (local instanceof InetSocketAddress l && remote instanceof InetSocketAddress r
                && l.getAddress() != null && r.getAddress() != null) {
            return Optional.of(new ConnectionKey(Endpoint.of(l), Endpoint.of(r)));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return local + " <- " + remote;
    }
}
