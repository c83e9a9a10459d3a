package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helidon.webserver.WebServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.0 clients (dev.braid.web.http10): raw sockets for the protocol's
 * rules, then the real clients that speak it — curl -0, ApacheBench (with and
 * without keep-alive) and nginx proxying with its default settings.
 */
@Timeout(120)
class Http10Test {
    @TempDir
    static Path dir;
    private static WebServer server;
    private static final List<String> ACCESS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Resource root = new Resource();
        root.putChild("hello", TestPages.text("hello"));
        root.putChild("stream", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                request.write("first ");        // sent when this event ends: the body streams
                request.loop().callLater(0, () -> {
                    request.write("second");
                    request.finish();
                });
                return NOT_DONE_YET;
            }
        });
        root.putChild("echo", new Resource() {
            @Override
            protected Object renderPost(Request request) {
                return "got " + new String(request.contentBytes()) + " as " + request.clientProto();
            }
        });
        root.putChild("empty", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                request.setResponseCode(204);
                return new byte[0];
            }
        });
        var tls = TestTls.serverTls(dir);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/plain", (req, res) -> res.send("plain helidon"))
                        .register(Site.builder(root).accessLog(ACCESS::add).build()))
                .putSocket("https", socket -> socket.host("127.0.0.1").port(0).tls(tls))
                .routing("https", r -> r.register(Site.builder(root).accessLog(ACCESS::add).build()))
                .build().start();
    }


    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aRequestWithoutHostIsAnsweredInHttp10AndTheConnectionCloses() throws Exception {
        ACCESS.clear();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /hello HTTP/1.0\r\n\r\n");
            RawHttp.Response response = http.read(false);
            assertTrue(response.head().startsWith("HTTP/1.0 200 OK\r\n"), response.head());
            assertEquals("close", response.header("Connection"));
            assertEquals("5", response.header("Content-Length"));
            assertEquals("hello", response.body());
            assertTrue(http.closedByServer());
        }
        assertEquals(1, ACCESS.size());
        assertTrue(ACCESS.getFirst().contains("\"GET /hello HTTP/1.0\" 200 5 "), ACCESS.getFirst());
    }

    @Test
    void keepAliveWhenAskedAndTheLengthIsKnown() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                http.send("GET /hello HTTP/1.0\r\nHost: x\r\nConnection: Keep-Alive\r\n\r\n");
                RawHttp.Response response = http.read(false);
                assertTrue(response.head().startsWith("HTTP/1.0 200 OK\r\n"), response.head());
                assertEquals("keep-alive", response.header("Connection"));
                assertEquals("hello", response.body());
            }
            http.send("HEAD /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Response head = http.read(true);
            assertEquals("5", head.header("Content-Length"));
            assertEquals("keep-alive", head.header("Connection"));
            http.send("POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 4\r\n\r\nbody");
            assertEquals("got body as HTTP/1.0", http.read(false).body());
            http.send("GET /empty HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Response empty = http.read(false);
            assertEquals(204, empty.status());
            assertEquals("keep-alive", empty.header("Connection"));
            http.send("GET /plain HTTP/1.0\r\n\r\n");
            RawHttp.Response last = http.read(false);
            assertEquals("plain helidon", last.body(), "plain Helidon routes are served too");
            assertEquals("close", last.header("Connection"));
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aStreamedPageIsSentPlainAndDelimitedByClosing() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Response response = http.read(false);
            assertTrue(response.head().startsWith("HTTP/1.0 200 OK\r\n"), response.head());
            assertNull(response.header("Transfer-Encoding"));
            assertNull(response.header("Content-Length"));
            assertEquals("close", response.header("Connection"));
            assertEquals("first second", response.body(), "read until the server closed");
        }
    }

    @Test
    void pipelinedRequestsAndBareLineFeeds() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("\r\nGET /hello HTTP/1.0\nConnection: keep-alive\n\nGET /hello?2 HTTP/1.0\r\n"
                    + "Connection: keep-alive\r\n\r\nGET /stream HTTP/1.0\r\n\r\nGET /hello HTTP/1.0\r\n\r\n");
            assertEquals("hello", http.read(false).body());
            assertEquals("hello", http.read(false).body());
            assertEquals("first second", http.read(false).body(), "then the connection ends");
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void badRequestsAreRefusedAndClosedNeverHung() throws Exception {
        String[] bad = {
            "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n",
            "POST /echo HTTP/1.0\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nbody!",
            "GET /hello HTTP/1.0\r\nX-Long: " + "a".repeat(70_000) + "\r\n\r\n",
        };
        for (String request : bad) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send(request);
                http.socket().shutdownOutput();
                String answer = new String(http.socket().getInputStream().readAllBytes());
                assertTrue(answer.startsWith("HTTP/1.0 4"), answer);
            }
        }
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /hello HTTP/1.0\r\nHost: cut sho");
            http.socket().shutdownOutput();
            String answer = new String(http.socket().getInputStream().readAllBytes());
            assertTrue(answer.startsWith("HTTP/1.0 400 "), "a head cut short is refused, then closed: " + answer);
        }
        try (RawHttp http = new RawHttp(server.port())) {
            assertEquals("hello", http.get("/hello").body(), "HTTP/1.1 is untouched");
        }
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Test
    void curlSpeakingHttp10() throws Exception {
        String plain = run("curl", "-s", "-0", "-D", "-", "http://127.0.0.1:" + server.port() + "/stream");
        assertTrue(plain.startsWith("HTTP/1.0 200 OK\r\n"), plain);
        assertTrue(plain.endsWith("\r\n\r\nfirst second"), plain);
        String tls = run("curl", "-s", "-k", "-0", "-D", "-", "https://127.0.0.1:" + server.port("https") + "/hello");
        assertTrue(tls.startsWith("HTTP/1.0 200 OK\r\n"), tls);
        assertTrue(tls.endsWith("\r\n\r\nhello"), tls);
    }

    @Test
    void apacheBenchWithAndWithoutKeepAlive() throws Exception {
        String url = "http://127.0.0.1:" + server.port() + "/hello";
        String closing = run("ab", "-n", "200", "-c", "4", url);
        assertTrue(closing.contains("Complete requests:      200"), closing);
        assertTrue(closing.contains("Failed requests:        0"), closing);
        assertFalse(closing.contains("Non-2xx"), closing);
        String keepAlive = run("ab", "-k", "-n", "200", "-c", "4", url);
        assertTrue(keepAlive.contains("Complete requests:      200"), keepAlive);
        assertTrue(keepAlive.contains("Failed requests:        0"), keepAlive);
        assertTrue(keepAlive.contains("Keep-Alive requests:    200"), keepAlive);
    }

    @Test
    void nginxProxyingWithItsDefaults() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/nginx"));
        if (!installed) {
            System.out.println("SKIPPED: the nginx test needs /usr/sbin/nginx (apt-get install nginx)");
        }
        assumeTrue(installed, "no nginx");
        Path nginx = Files.createDirectories(dir.resolve("nginx"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(nginx.resolve("nginx.conf"), """
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { }
                http {
                    access_log off;
                    client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s;
                    uwsgi_temp_path %1$s; scgi_temp_path %1$s;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / { proxy_pass http://127.0.0.1:%3$d; }
                    }
                }
                """.formatted(nginx, port, server.port()));
        Process proxy;
        try (WatchService watch = nginx.getFileSystem().newWatchService()) {
            nginx.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            proxy = new ProcessBuilder("/usr/sbin/nginx", "-p", nginx.toString(), "-c",
                    nginx.resolve("nginx.conf").toString()).redirectErrorStream(true).redirectOutput(nginx.resolve("out.txt").toFile()).start();
            waitForPidFile(watch, nginx);   // nginx writes it once its port is bound
        }
        try {
            ACCESS.clear();
            List<String> bodies = new ArrayList<>();
            for (String path : new String[] {"/hello", "/stream"}) {
                bodies.add(run("curl", "-s", "--max-time", "30", "http://127.0.0.1:" + port + path));
            }
            assertEquals(List.of("hello", "first second"), bodies);
            assertEquals(2, ACCESS.size(), ACCESS.toString());
            assertTrue(ACCESS.stream().allMatch(line -> line.contains(" HTTP/1.0\" 200 ")), ACCESS.toString());
        } finally {
            proxy.destroy();
            assertTrue(proxy.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static void waitForPidFile(WatchService watch, Path nginx) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(nginx.resolve("nginx.pid"))) {
            long left = deadline - System.nanoTime();
            WatchKey key = left > 0 ? watch.poll(left, TimeUnit.NANOSECONDS) : null;
            if (key == null) {
                throw new AssertionError("nginx did not start: " + Files.readString(nginx.resolve("out.txt")));
            }
            key.pollEvents();
            key.reset();
        }
    }
}
