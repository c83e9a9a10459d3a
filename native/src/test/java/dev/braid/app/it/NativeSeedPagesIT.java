package dev.braid.app.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's seed pages served by the native binary, over real HTTP: the
 * five error cases of the echo page, the session counter, the delayed and
 * interrupted responses, static files, Basic and Digest authentication, and
 * resource scripts (which need the JVM: 501).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class NativeSeedPagesIT {
    @TempDir
    static Path dir;
    static ForegroundBraid demo;
    static int port;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void start() throws Exception {
        demo = ForegroundBraid.start(dir, Map.of(), "-n", "--pidfile=", "demo",
                "--listen=tcp:0:interface=127.0.0.1", "--delay=0", "--poetry-port=0");
        port = Integer.parseInt(demo.await("\\[-\\] Site starting on (\\d+)"));
    }

    @AfterAll
    static void stop() throws Exception {
        assertEquals(143, demo.signalAndWait("TERM"));
        String output = demo.output();
        assertTrue(output.strip().endsWith("Server Shut Down."), output);
        NativeBinary.assertNoUnsupportedCall(output);
        demo.close();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void helloAndTheIndex() throws Exception {
        assertEquals("hello", get("/hello").body());
        assertTrue(get("/").body().contains("Braid demo"));
    }

    @Test
    void anUnsupportedMethodIs405WithTheMethodsTheResourceDeclares() throws Exception {
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        // Found by reflection on the resource's render methods: registered by ResourceReflectionFeature.
        String allow = post.headers().firstValue("Allow").orElse("");
        assertTrue(allow.contains("GET") && allow.contains("HEAD") && !allow.contains("POST"), allow);
    }

    @Test
    void e1E2AndE5AnswerWithTheTracebackPage() throws Exception {
        for (String page : List.of("/echo", "/echo/blocking", "/echo/threaded", "/echo/original")) {
            for (String at : List.of("E1", "E2", "E5")) {
                HttpResponse<String> response = get(page + "?raise=" + at);
                assertEquals(500, response.statusCode(), page + " " + at);
                assertTrue(response.body().startsWith("<html><head><title>web.Server Traceback"), response.body());
                assertTrue(response.body().contains(at + ": raised"), response.body());
                assertTrue(response.body().contains("--- &lt;exception caught here"), response.body());
                // Stack traces keep class and method names in the native image.
                assertTrue(response.body().contains("dev.braid.web"), response.body());
            }
        }
    }

    @Test
    void e3AppendsTheTracebackAndE4KeepsThePageAndLogs() throws Exception {
        HttpResponse<String> e3 = get("/echo?raise=E3");
        assertEquals(200, e3.statusCode());
        assertTrue(e3.body().startsWith("<html><body>\n<p>Page view #1 in this session</p>"), e3.body());
        assertTrue(e3.body().contains("E3: raised after write, before finish"), e3.body());
        HttpResponse<String> e4 = get("/echo?raise=E4");
        assertEquals(200, e4.statusCode());
        assertEquals("<html><body>\n<p>Page view #1 in this session</p>\n</body></html>\n", e4.body());
        demo.await("E4: raised after finish");
    }

    @Test
    void theSessionCounterCountsPerSession() throws Exception {
        HttpResponse<String> first = get("/echo");
        assertEquals("<html><body>\n<p>Page view #1 in this session</p>\n</body></html>\n", first.body());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(cookie.matches("TWISTED_SESSION=[0-9a-f]{64}"), cookie);
        assertTrue(get("/echo", "Cookie", cookie).body().contains("Page view #2 in this session"));
        assertTrue(get("/echo/threaded", "Cookie", cookie).body().contains("Page view #3 in this session"));
        HttpResponse<String> counter = get("/counter");
        String counterCookie = counter.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals("Visit #1 for you!", counter.body());
        assertEquals("Visit #2 for you!", get("/counter", "Cookie", counterCookie).body());
    }

    @Test
    void delayedAndCallLaterAnswer() throws Exception {
        for (String page : List.of("/delayed", "/callLater")) {
            HttpResponse<String> response = get(page);
            assertEquals(200, response.statusCode(), page);
            assertEquals("<html><body>Sorry to keep you waiting.</body></html>", response.body(), page);
        }
    }

    @Test
    void staticFilesWithRangesAndListings() throws Exception {
        HttpResponse<String> listing = get("/static/poems/");
        assertEquals(200, listing.statusCode());
        assertTrue(listing.body().contains("ecstasy.txt"), listing.body());
        HttpResponse<String> range = get("/static/index.html", "Range", "bytes=0-5");
        assertEquals(206, range.statusCode());
        assertEquals(6, range.body().length());
        assertEquals(404, get("/static/no-such-file").statusCode());
    }

    @Test
    void resourceScriptsAre501InTheNativeBinary() throws Exception {
        HttpResponse<String> script = get("/static/hello.rpy.java");
        assertEquals(501, script.statusCode());
        assertTrue(script.body().contains("without a Java compiler"), script.body());
        assertEquals("hello", get("/hello").body(), "the server goes on");
    }

    @Test
    void basicAndDigestAuthentication() throws Exception {
        assertEquals(401, get("/private").statusCode());
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:builder".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, get("/private", "Authorization", basic).statusCode());
        // curl does the Digest exchange (challenge, then the hashed answer).
        assertEquals("200", curl("--digest", "-u", "bob:builder"));
        assertEquals("401", curl("--digest", "-u", "bob:wrong"));
    }

    private static String curl(String... auth) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "60"));
        command.addAll(List.of(auth));
        command.add("http://127.0.0.1:" + port + "/private");
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(90, TimeUnit.SECONDS), "curl hung");
        return out.strip();
    }

    @Test
    void cgiAndAHostedHandlerApp() throws Exception {
        HttpResponse<String> cgi = get("/cgi-bin/date.sh");
        assertEquals(200, cgi.statusCode(), cgi.body());
        assertTrue(cgi.body().contains("UTC"), cgi.body());
        assertTrue(get("/app/").body().startsWith("Hello from a JDK HttpHandler"));
    }

    @Test
    void aClientThatLeavesAnInterruptedResponseIsNoticedAndLogged(@TempDir Path other) throws Exception {
        try (ForegroundBraid slow = ForegroundBraid.start(other, Map.of(), "-n", "--pidfile=", "demo",
                "--listen=tcp:0:interface=127.0.0.1", "--delay=600", "--poetry-port=0")) {
            int slowPort = Integer.parseInt(slow.await("\\[-\\] Site starting on (\\d+)"));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), slowPort)) {
                socket.getOutputStream().write("GET /interrupted HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput(); // the client leaves (FIN) while the answer is 600 s away
                String line = slow.await("(Async response demo interrupted response.*)");
                assertFalse(line.isEmpty());
            }
            assertEquals(143, slow.signalAndWait("TERM"));
            NativeBinary.assertNoUnsupportedCall(slow.output());
        }
    }
}
