package dev.braid.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks of a hostile HTTP client, on loopback, against a Site behind
 * the guard with short limits (half a second): every one ends in an answer
 * or a close within the limits — never a connection held open.
 */
@Timeout(60)
class ConnectionGuardTest {
    static final Duration LIMIT = Duration.ofMillis(500);
    static final int BIG = 64 * 1024 * 1024;
    /** Half-second limits: the timeouts' tests. */
    static WebServer server;
    /** The default limits (30 s): a close seen here is the server's answer, not a timeout. */
    static WebServer patient;

    @BeforeAll
    static void start() {
        Resource root = new Resource();
        root.putChild("hello", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return "hello";
            }
        });
        root.putChild("echo", new Resource() {
            @Override
            protected Object renderPost(Request request) {
                return request.contentBytes();
            }
        });
        root.putChild("big", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                byte[] chunk = new byte[1024 * 1024];
                for (int i = 0; i < BIG / chunk.length && !request.finished(); i++) {
                    request.write(chunk);
                }
                request.finish();
                return NOT_DONE_YET;
            }
        });
        Site site = Site.builder(root).accessLog(null).build();
        ServerLimits limits = ServerLimits.builder().idleTimeout(LIMIT).headerTimeout(LIMIT).bodyTimeout(LIMIT)
                .writeTimeout(LIMIT).build();
        server = guarded(site, limits, false);   // stream sockets, as braid web runs them
        patient = guarded(site, ServerLimits.defaults(), true);
    }

    private static WebServer guarded(Site site, ServerLimits limits, boolean nio) {
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0).useNio(nio)
                .routing(r -> r.register(site));
        return ConnectionGuard.install(builder, "@default", limits).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        patient.stop();
    }

    /** A raw client: what it sends, and what it reads until the server closes (or 20 s pass). */
    static final class Client implements AutoCloseable {
        final Socket socket;

        Client() throws IOException {
            this(server);
        }

        Client(WebServer to) throws IOException {
            socket = new Socket("127.0.0.1", to.port());
            socket.setSoTimeout(20_000);
        }

        Client send(String text) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        }

        /** Everything until the server closes; fails if the server keeps the connection open for 20 s. */
        String untilClosed() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept the connection open; got: " + all, e);
            } catch (SocketException reset) {
                // a reset is a close too
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String exchange(String request) throws IOException {
        try (Client client = new Client()) {
            return client.send(request).untilClosed();
        }
    }

    /** An exchange with the patient server: it must close by itself, the limits are far. */
    static String answer(String request) throws IOException {
        try (Client client = new Client(patient)) {
            return client.send(request).untilClosed();
        }
    }

    @Test
    void aSilentConnectionIsClosed() throws Exception {
        assertEquals("", exchange(""));
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsResponse() throws Exception {
        String response = exchange("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200 OK") && response.endsWith("hello"), response);
    }

    @Test
    void headersThatNeverEndAreCutOff() throws Exception {
        assertEquals("", exchange("GET /hello HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    }

    @Test
    void headersTrickledByteByByteAreCutOffAtTheHeaderLimit() throws Exception {
        try (Client client = new Client()) {
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\n");
            Thread attacker = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 200; i++) {   // one byte per 50 ms: 10 s of headers, never finished
                        client.send("X");
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server gave up, as it should
                }
            });
            assertEquals("", client.untilClosed());
            attacker.interrupt();
        }
    }

    @Test
    void aTrickledRequestLineIsCutOffAtTheIdleLimit() throws Exception {
        try (Client client = new Client()) {
            Thread attacker = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        client.send("G");
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException closed) {
                    // cut off
                }
            });
            client.untilClosed();
            attacker.interrupt();
        }
    }

    @Test
    void aStalledBodyIsAbandoned() throws Exception {
        String response = exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
        assertTrue(response.isEmpty() || response.startsWith("HTTP/1.1 4"), response);
    }

    @Test
    void aResponseTheClientNeverReadsIsDropped() throws Exception {
        long before = ConnectionGuard.connectionsClosed();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ConnectionGuard.connectionsClosed() == before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(ConnectionGuard.connectionsClosed() > before, "the stalled write was never noticed");
            socket.setSoTimeout(20_000);
            long received = 0;
            try {
                received = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (SocketException reset) {
                // dropped
            }
            assertTrue(received < BIG, "the whole response was sent: " + received);
        }
    }

    @Test
    void badFramingIsAnsweredAtOnce() throws Exception {
        for (String bad : new String[] {
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + "1".repeat(10_000),
        }) {
            String response = answer(bad);
            assertTrue(response.startsWith("HTTP/1.1 400 "), bad + " -> " + response);
        }
    }

    @Test
    void helidonsOwnAnswersCarryAnImfFixdate() throws Exception {
        String response = answer("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.lines().anyMatch(line -> line.matches(
                "Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT")), response);
    }

    @Test
    void aShortHttp09LineIsRefusedAtOnce() throws Exception {
        String response = answer("GET /\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400 Bad Request"), response);
        assertTrue(answer("GET / HTTP/0.9\r\n").startsWith("HTTP/1.1 505 "));
        assertTrue(answer("\u0016\u0003\u0001garbage\r\n").startsWith("HTTP/1.1 400 "));
    }

    @Test
    void http10IsServedBehindTheGuardAndItsHeadersAreTimedToo() throws Exception {
        String response = answer("GET /hello HTTP/1.0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.0 200") && response.endsWith("hello"), response);
        assertEquals("", exchange("GET /hello HTTP/1.0\r\nX-Slow: "), "slowloris over HTTP/1.0");
    }

    @Test
    void chunkExtensionsAndTrailersAreAccepted() throws Exception {
        String ext = answer("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "3;x=y\r\nabc\r\n2 ; name=\"q\"\r\nde\r\n0\r\n\r\n");
        assertTrue(ext.startsWith("HTTP/1.1 200 ") && ext.endsWith("abcde"), ext);
        String trailers = answer("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
                + "\r\n3\r\nabc\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n");
        assertTrue(trailers.startsWith("HTTP/1.1 200 ") && trailers.endsWith("abc"), trailers);
    }

    @Test
    void connectionCloseClosesAfterTheResponseAndNothingPipelinedIsServed() throws Exception {
        try (Client client = new Client(patient)) {
            String response = client.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").untilClosed();
            assertEquals(1, response.split("HTTP/1.1 200", -1).length - 1, response);
            assertTrue(response.endsWith("hello"), response);
        }
    }

    @Test
    void smugglingAttemptsGet400AndTheConnectionIsClosed() throws Exception {
        for (String smuggle : new String[] {
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!",
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length : 5\r\n\r\nhello",
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nhello",
        }) {
            String response = answer(smuggle);
            assertTrue(response.startsWith("HTTP/1.1 400 "), smuggle + " -> " + response);
            assertEquals(1, response.split("HTTP/1.1 ", -1).length - 1, "one answer only: " + response);
        }
    }

    /** A protocol of one's own: "PING" lines answered "PONG", until the client closes. */
    static final class PingSelector implements io.helidon.webserver.spi.ServerConnectionSelector {
        @Override
        public int bytesToIdentifyConnection() {
            return 4;
        }

        @Override
        public Support supports(io.helidon.common.buffers.BufferData data) {
            return data.readString(4).equals("PING") ? Support.SUPPORTED : Support.UNSUPPORTED;
        }

        @Override
        public java.util.Set<String> supportedApplicationProtocols() {
            return java.util.Set.of();
        }

        @Override
        public io.helidon.webserver.spi.ServerConnection connection(io.helidon.webserver.ConnectionContext ctx) {
            return new io.helidon.webserver.spi.ServerConnection() {
                @Override
                public void handle(io.helidon.common.concurrency.limits.Limit limit) {
                    ctx.dataReader().readLine();
                    ctx.dataWriter().writeNow(io.helidon.common.buffers.BufferData.create("PONG\r\n"));
                }

                @Override
                public Duration idleTime() {
                    return Duration.ZERO;
                }

                @Override
                public void close(boolean interrupt) {
                }
            };
        }
    }

    @Test
    void aSelectorAddedBeforeTheGuardIsAskedFirst() throws Exception {
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/hello", (req, res) -> res.send("hello")))
                .addConnectionSelector(new PingSelector());
        WebServer both = ConnectionGuard.install(builder, "@default", ServerLimits.defaults()).build().start();
        try (Client ping = new Client(both)) {
            assertEquals("PONG\r\n", ping.send("PING\r\n").untilClosed());
        } finally {
            both.stop();
        }
    }
}
