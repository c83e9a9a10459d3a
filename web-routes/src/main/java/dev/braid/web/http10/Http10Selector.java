package dev.braid.web.http10;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * Claims connections whose first request line ends in {@code HTTP/1.0}
 * (Helidon's HTTP/1 selector refuses them and the connection would be closed
 * without an answer) and serves them with an HTTP/1.1 connection over
 * translated streams ({@link Http10Context}).
 *
 * <p>The request line must arrive in the connection's first read — real
 * clients send it in one segment; a line still incomplete is left to Helidon's
 * HTTP/1.1 selector, which takes partial lines.
 */
final class Http10Selector implements ServerConnectionSelector {
    private static final byte[] VERSION = " HTTP/1.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ServerConnectionSelector http1;
    private final int maxRequestLine;

    Http10Selector(ServerConnectionSelector http1, int maxRequestLine) {
        this.http1 = http1;
        this.maxRequestLine = maxRequestLine;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        int start = 0;
        while (start < data.available() && (data.get(start) == '\r' || data.get(start) == '\n')) {
            start++;   // empty lines before the request line are allowed (RFC 9112 §2.2)
        }
        int lf = -1;
        for (int i = start; i < data.available() && lf < 0; i++) {
            lf = data.get(i) == '\n' ? i : -1;
        }
        if (lf < 0) {
            return data.available() > maxRequestLine ? Support.UNSUPPORTED : Support.UNKNOWN;
        }
        int end = lf > 0 && data.get(lf - 1) == '\r' ? lf - 1 : lf;   // a bare LF is accepted, as Twisted does
        if (end - start < VERSION.length) {
            return Support.UNSUPPORTED;
        }
        for (int i = 0; i < VERSION.length; i++) {
            if ((byte) data.get(end - VERSION.length + i) != VERSION[i]) {
                return Support.UNSUPPORTED;
            }
        }
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.0");
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http1.connection(new Http10Context(ctx));
    }
}
