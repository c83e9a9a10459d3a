package dev.braid.web.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Tells a {@link GuardedConnection} where its HTTP/1 requests are: the
 * request line read (the header clock starts), the headers complete (the
 * body clock takes over), and {@code Connection: close} in a request or a
 * response (the connection ends after that response — Helidon 4.5 sends the
 * header but then waits for another request).
 */
final class Http1Events {
    private Http1Events() {
    }

    /** The listener of what a connection receives. */
    static final Http1ConnectionListener RECEIVED = new Http1ConnectionListener() {
        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            GuardedConnection connection = GuardedConnection.of(ctx);
            if (connection != null) {
                connection.requestLineRead();
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            GuardedConnection connection = GuardedConnection.of(ctx);
            if (connection != null) {
                connection.headersRead();
                closing(connection, headers, false);
            }
        }
    };

    /** The listener of what a connection sends. */
    static final Http1ConnectionListener SENT = new Http1ConnectionListener() {
        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            GuardedConnection connection = GuardedConnection.of(ctx);
            if (connection != null) {
                closing(connection, headers, true);
            }
        }
    };

    private static void closing(GuardedConnection connection, Headers headers, boolean response) {
        if (headers.containsToken(HeaderValues.CONNECTION_CLOSE) && !headers.contains(HeaderNames.UPGRADE)) {
            connection.closeAfterResponse(response);
        }
    }
}
