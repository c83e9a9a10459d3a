package dev.braid.app.builtin;

import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.web.WebServerService;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@org.junit.jupiter.api.Timeout(120)
class WebPluginTest {
    @TempDir
    Path dir;

    private final WebPlugin plugin = new WebPlugin();
    private final HttpClient http = HttpClient.newHttpClient();

    private ParsedOptions options(String... args) throws UsageError {
        return plugin.options().parse(List.of(args), dir);
    }

    /** Starts the service on a loop, runs {@code check} on a subtask with its ports, then stops it. */
    private <T> T serve(ParsedOptions options, Function<List<Integer>, T> check) {
        return EventLoop.react(loop -> {
            WebServerService service;
            try {
                service = (WebServerService) plugin.makeService(options);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            service.privilegedStartService();
            service.startService();
            List<Integer> ports = service.boundPorts();
            // The outcome (a value, or a Failure that keeps failing) waits for the service to stop.
            @SuppressWarnings("unchecked")
            Deferred<T> done = (Deferred<T>) (Deferred<?>) Threads.deferToThread(() -> check.apply(ports))
                    .addBoth(outcome -> service.stopService().addCallback(ignored -> outcome));
            return done;
        });
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void servesADirectoryOnEveryListenEndpoint() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello from a file\n");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("<odd>.html"), "<p>odd</p>");
        List<String> seen = serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1",
                "--listen=tcp:0:interface=127.0.0.1"), ports -> {
            List<String> results = new ArrayList<>();
            assertEquals(2, ports.size());
            for (int port : ports) {
                HttpResponse<String> file = get(port, "/hello.txt");
                assertEquals(200, file.statusCode());
                assertEquals("hello from a file\n", file.body());
                assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
                results.add(file.body());
            }
            HttpResponse<String> listing = get(ports.getFirst(), "/");
            assertTrue(listing.body().indexOf("sub/") < listing.body().indexOf("hello.txt"), "directories first");
            HttpResponse<String> sub = get(ports.getFirst(), "/sub/");
            assertTrue(sub.body().contains("&lt;odd&gt;.html"), sub.body());
            assertEquals(302, get(ports.getFirst(), "/sub").statusCode(), "a directory without its slash is redirected");
            assertEquals(404, get(ports.getFirst(), "/nothing").statusCode());
            return results;
        });
        assertEquals(2, seen.size());
    }

    @Test
    void indexFilesExtensionsAndProcessorsTakeTwistdsOptions() throws Exception {
        Files.writeString(dir.resolve("home.html"), "<p>home</p>");
        Files.writeString(dir.resolve("about.html"), "<p>about</p>");
        Path script = Files.writeString(dir.resolve("hello.cgi"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\nhi from cgi'\n");
        assertTrue(script.toFile().setExecutable(true));
        serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1", "--index=home.html", "--ignore-ext=.html",
                "--processor=.cgi=dev.braid.web.cgi.CgiScript"), ports -> {
            int port = ports.getFirst();
            assertEquals("<p>home</p>", get(port, "/").body());
            assertEquals("<p>about</p>", get(port, "/about").body());
            assertEquals("hi from cgi", get(port, "/hello.cgi").body());
            return null;
        });
        assertTrue(assertThrows(UsageError.class, () -> options("--processor=nonsense")).getMessage()
                .contains("is not .ext=CLASS"));
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--path=.",
                "--processor=.x=" + Greeting.class.getName()))).getMessage().contains("no public constructor taking"));
    }

    private static final String SCRIPT = """
            import dev.braid.web.Request;
            import dev.braid.web.Resource;
            import dev.braid.web.script.ResourceScript;
            import dev.braid.web.script.ScriptContext;

            public class Hi implements ResourceScript {
                public Resource resource(ScriptContext context) {
                    return new Resource() {
                        protected Object renderGet(Request request) {
                            return "hi from a script";
                        }
                    };
                }
            }
            """;

    @Test
    void resourceScriptsRunUnderPathAsTwistdRunsRpyFiles() throws Exception {
        Files.writeString(dir.resolve("hi.rpy.java"), SCRIPT);
        serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1"), ports -> {
            assertEquals("hi from a script", get(ports.getFirst(), "/hi.rpy.java").body());
            return null;
        });
        serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1",
                "--processor=.rpy.java=dev.braid.web.script.ResourceScripts"), ports -> {
            assertEquals("hi from a script", get(ports.getFirst(), "/hi.rpy.java").body(), "named as a processor");
            return null;
        });
        serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1",
                "--processor=.rpy.java=" + Greeting.class.getName().replace("Greeting", "PathGreeting")), ports -> {
            assertEquals("a page for hi.rpy.java", get(ports.getFirst(), "/hi.rpy.java").body(),
                    "a processor given for .rpy.java replaces the default");
            return null;
        });
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--path=.",
                "--processor=.x=java.util.function.Function"))).getMessage().contains("no public no-argument constructor"));
    }

    @Test
    void theHealthPathIsOptIn() throws Exception {
        serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1", "--health=/healthz"), ports -> {
            HttpResponse<String> health = get(ports.getFirst(), "/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("OK\n", health.body());
            assertEquals("no-store", health.headers().firstValue("Cache-Control").orElse(""));
            assertTrue(health.headers().firstValue("Set-Cookie").isEmpty());
            return null;
        });
        serve(options("--path=.", "--listen=tcp:0:interface=127.0.0.1"), ports -> {
            assertEquals(404, get(ports.getFirst(), "/healthz").statusCode(), "not there unless asked for");
            return null;
        });
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--health=healthz")))
                .getMessage().startsWith("--health: "));
    }

    @Test
    void neverServesOutsideTheDirectory() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), dir.resolve("secret.txt"));
        serve(options("--path=root", "--listen=tcp:0:interface=127.0.0.1"), ports -> {
            int port = ports.getFirst();
            for (String path : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/escape",
                    "/%2E%2E%2Fsecret.txt", "/a%00b")) {
                assertEquals(404, rawStatus(port, path), path);
            }
            return null;
        });
    }

    /** Sends a request line as is (HttpClient would normalise the dots away) and reads the status line. */
    private static int rawStatus(int port, String path) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.substring(9, 12));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutPathOrClassItServesTheDemo() throws Exception {
        serve(options("--listen=tcp:0:interface=127.0.0.1"), ports -> {
            assertEquals("hello", get(ports.getFirst(), "/hello").body());
            return null;
        });
    }

    @Test
    void aResourceClassBecomesTheRoot() throws Exception {
        serve(options("--class=" + Greeting.class.getName(), "--port=0"), ports -> {
            assertEquals("greetings", get(ports.getFirst(), "/").body());
            return null;
        });
    }

    @Test
    void aHandlerClassIsHostedAtTheRoot() throws Exception {
        serve(options("--handler=" + Hi.class.getName(), "--listen=tcp:0:interface=127.0.0.1"), ports -> {
            assertEquals("hi from /deep/path", get(ports.getFirst(), "/deep/path").body());
            return null;
        });
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--handler=java.lang.String")))
                .getMessage().contains("is not a com.sun.net.httpserver.HttpHandler"));
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--handler=x", "--class=y")))
                .getMessage().contains("only one of"));
    }

    /** A JDK HttpHandler app for --handler. */
    public static final class Hi implements com.sun.net.httpserver.HttpHandler {
        @Override
        public void handle(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
            byte[] body = ("hi from " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        assertThrows(UsageError.class, () -> options("--listen=bogus:1"));
        assertThrows(UsageError.class, () -> options("--port=http"));
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--path=a", "--class=b")))
                .getMessage().contains("only one of"));
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--path=missing")))
                .getMessage().contains("no such file or directory"));
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--class=java.lang.String")))
                .getMessage().contains("is not a dev.braid.web.Resource"));
        assertTrue(assertThrows(UsageError.class, () -> plugin.makeService(options("--class=no.Such")))
                .getMessage().contains("no class no.Such"));
        assertThrows(IllegalArgumentException.class, () -> plugin.makeService(options("--listen=unix:/tmp/x.sock")));
    }

    @Test
    void badSessionOptionsAreUsageErrorsNamingTheProblem() {
        assertEquals("--sessions: 'redis:/x' names no host (redis://HOST:PORT/DB)",
                assertThrows(UsageError.class, () -> options("--sessions=redis:/x")).getMessage());
        assertEquals("--sessions: 'mem' is not a redis://HOST:PORT/DB address",
                assertThrows(UsageError.class, () -> options("--sessions=mem")).getMessage());
        assertEquals("--sessions: 'redis://h:70000/0': port 70000 is not between 1 and 65535",
                assertThrows(UsageError.class, () -> options("--sessions=redis://h:70000/0")).getMessage());
        assertEquals("--session-timeout: '0' must be a finite number > 0",
                assertThrows(UsageError.class, () -> options("--session-timeout=0")).getMessage());
        assertEquals("--session-timeout: 'soon' is not a number",
                assertThrows(UsageError.class, () -> options("--session-timeout=soon")).getMessage());
    }

    @Test
    void sessionsInMemoryByDefaultAndInRedisWhenNamed() throws Exception {
        assertTrue(plugin.makeService(options("--listen=tcp:0")) instanceof WebServerService, "memory: the web server alone");
        var service = plugin.makeService(options("--listen=tcp:0", "--sessions=redis://127.0.0.1:1/0"));
        assertTrue(service instanceof dev.braid.deferred.service.MultiService, "Redis: its connection, then the web server");
        assertEquals(java.util.Optional.of("web"), service.name());
    }

    @Test
    void sslEndpointsServeTlsFromPemFiles() throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem",
                "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, openssl.waitFor(), output);
        Files.writeString(dir.resolve("secret.txt"), "over tls");
        String body = serve(options("--path=.", "--listen=ssl:0:privateKey=key.pem:certKey=cert.pem:interface=127.0.0.1"),
                ports -> {
                    try {
                        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
                        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                            @Override
                            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
                            }

                            @Override
                            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
                            }

                            @Override
                            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                                return new java.security.cert.X509Certificate[0];
                            }
                        }}, null);
                        HttpClient tls = HttpClient.newBuilder().sslContext(trustAll).build();
                        return tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ports.getFirst() + "/secret.txt"))
                                .build(), HttpResponse.BodyHandlers.ofString()).body();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertEquals("over tls", body);
        assertThrows(IllegalArgumentException.class,
                () -> plugin.makeService(options("--listen=ssl:0:privateKey=missing.pem")), "unreadable key files");
    }

    @Test
    void aPortInUseFailsTheStart() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            WebServerService service = (WebServerService) plugin.makeService(
                    options("--listen=tcp:" + taken.getLocalPort() + ":interface=127.0.0.1"));
            java.io.UncheckedIOException failed = assertThrows(java.io.UncheckedIOException.class,
                    service::privilegedStartService);
            assertEquals("Couldn't listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                    failed.getCause().getMessage());
        }
    }

    /** A processor resource made from each file's Path. */
    public static final class PathGreeting extends dev.braid.web.Resource {
        private final Path file;

        public PathGreeting(Path file) {
            this.file = file;
        }

        @Override
        protected Object renderGet(dev.braid.web.Request request) {
            return "a page for " + file.getFileName();
        }
    }

    /** A root resource for --class. */
    public static final class Greeting extends dev.braid.web.Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected Object renderGet(dev.braid.web.Request request) {
            return "greetings";
        }
    }
}
