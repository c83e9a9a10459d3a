package dev.braid.app.endpoint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a server listens, parsed from a Twisted "strports" description such
 * as {@code tcp:8080:interface=127.0.0.1} by {@link EndpointParser}.
 *
 * <p>A closed set: TCP, TLS over TCP ({@code ssl:}) and Unix sockets. A
 * plugin that cannot serve one of them says so with a clear error.
 *
 * <pre>{@code
 * switch (EndpointParser.parse("tcp:0:interface=127.0.0.1", base)) {
 *     case ServerEndpoint.Tcp tcp -> listen(tcp.port(), tcp.interfaceHost());
 *     default -> throw new IllegalArgumentException("TCP only");
 * }
 * }</pre>
 */
public sealed interface ServerEndpoint {
    /** twistd's default listen backlog. */
    int DEFAULT_BACKLOG = 50;

    /**
     * Returns the description this endpoint was parsed from.
     *
     * @return the original string
     */
    String description();

    /**
     * A TCP port.
     *
     * @param port 0 (any free port) to 65535
     * @param backlog the listen queue's length
     * @param interfaceHost the address to bind; empty for every interface
     * @param description the original string
     */
    record Tcp(int port, int backlog, String interfaceHost, String description) implements ServerEndpoint {
        /** Checks the values. */
        public Tcp {
            Objects.requireNonNull(interfaceHost, "interfaceHost");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 0-65535");
            }
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1");
            }
        }

        /**
         * Returns the address to bind, {@code 0.0.0.0} for every interface.
         *
         * @return a host name or address
         */
        public String bindHost() {
            return interfaceHost.isEmpty() ? "0.0.0.0" : interfaceHost;
        }
    }

    /**
     * TLS over TCP ({@code ssl:443:privateKey=key.pem:certKey=cert.pem}).
     *
     * @param tcp the port to listen on
     * @param privateKey the PEM private key
     * @param certKey the PEM certificate chain
     * @param description the original string
     */
    record Ssl(Tcp tcp, Path privateKey, Path certKey, String description) implements ServerEndpoint {
        /** Checks the values. */
        public Ssl {
            Objects.requireNonNull(tcp, "tcp");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(certKey, "certKey");
        }
    }

    /**
     * A Unix-domain socket ({@code unix:/var/run/x.sock:mode=660:lockfile=1}).
     *
     * @param address the socket's path
     * @param mode its permission bits
     * @param lockfile whether to guard it with {@code address.lock}
     * @param backlog the listen queue's length
     * @param description the original string
     */
    record Unix(Path address, int mode, boolean lockfile, int backlog, String description) implements ServerEndpoint {
        /** Checks the values. */
        public Unix {
            Objects.requireNonNull(address, "address");
        }
    }
}
