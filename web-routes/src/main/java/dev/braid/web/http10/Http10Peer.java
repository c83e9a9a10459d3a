package dev.braid.web.http10;

import io.helidon.common.socket.PeerInfo;
import java.net.SocketAddress;
import java.security.Principal;
import java.security.cert.Certificate;
import java.util.Optional;

/**
 * The client of an HTTP/1.0 connection: the socket's own peer, marked so
 * that {@link Http10#isHttp10} can tell (a header could be forged by a client).
 */
record Http10Peer(PeerInfo peer) implements PeerInfo {
    @Override
    public SocketAddress address() {
        return peer.address();
    }

    @Override
    public String host() {
        return peer.host();
    }

    @Override
    public int port() {
        return peer.port();
    }

    @Override
    public Optional<Principal> tlsPrincipal() {
        return peer.tlsPrincipal();
    }

    @Override
    public Optional<Certificate[]> tlsCertificates() {
        return peer.tlsCertificates();
    }
}
