package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.web.cgi.CgiDirectory;
import dev.braid.web.examples.DemoSite;
import dev.braid.web.file.FileResource;
import dev.braid.web.guard.DigestAnswers;
import dev.braid.web.guard.DigestCredentialFactory;
import dev.braid.web.guard.FilePasswordDb;
import dev.braid.web.guard.HttpAuthWrapper;
import dev.braid.web.guard.Portal;
import dev.braid.web.guard.Realm;
import dev.braid.web.vhost.NameVirtualHost;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same Site over HTTP/2 — h2c by upgrade and by prior knowledge, h2 over
 * TLS chosen by ALPN — with curl as the independent client: headers that
 * HTTP/2 carries differently (several Set-Cookie, Host from :authority, Range,
 * dates), Digest, virtual hosts and CGI.
 */
class Http2Test {
    private static final String DATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    @TempDir
    static Path dir;
    private static WebServer server;
    private static final BlockingQueue<String> ACCESS = new LinkedBlockingQueue<>();

    /** The pages under test, at /t on both listeners, beside the demo. */
    static HttpRouting.Builder routing(HttpRouting.Builder routing, Path files, Path cgi, Path passwords) {
        Resource root = new Resource();
        root.putChild("cookies", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                request.addCookie("first", "1");
                request.addCookie(Cookie.builder("second", "2").path("/").build());
                return "two cookies";
            }
        });
        Realm realm = user -> dev.braid.deferred.Deferreds.succeed(new Realm.Avatar(new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return "hello " + user;
            }
        }, () -> { }));
        root.putChild("digest", new HttpAuthWrapper(new Portal(realm, List.of(FilePasswordDb.builder(passwords).build())),
                List.of(new DigestCredentialFactory("SHA-256", "h2", 300, new Clock()),
                        new DigestCredentialFactory("MD5", "h2", 300, new Clock()))));
        NameVirtualHost hosts = new NameVirtualHost();
        hosts.addHost("localhost", TestPages.text("the localhost tree"));
        hosts.setDefault(TestPages.text("the default tree"));
        root.putChild("vhost", hosts);
        root.putChild("files", FileResource.of(files));
        root.putChild("cgi", new CgiDirectory(cgi));
        routing.register("/t", Site.builder(root).mountPath("/t").accessLog(ACCESS::add).build());
        DemoSite.register(routing, new DemoSite.Options(0.05), UnaryOperator.identity());
        return routing;
    }


    @BeforeAll
    static void start() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("twenty.txt"), "abcdefghijklmnopqrst");
        Path cgi = Files.createDirectories(dir.resolve("cgi"));
        Path script = Files.writeString(cgi.resolve("env.sh"),
                "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\n"
                        + "echo \"HTTP_HOST=$HTTP_HOST SERVER_NAME=$SERVER_NAME SERVER_PROTOCOL=$SERVER_PROTOCOL\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path passwords = Files.writeString(dir.resolve("htpasswd"), "bob:builder\n");
        var tls = TestTls.serverTls(dir);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> routing(r, files, cgi, passwords))
                .putSocket("https", socket -> socket.host("127.0.0.1").port(0).tls(tls))
                .routing("https", r -> routing(r, files, cgi, passwords))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String h2c(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static String h2(String path) {
        return "https://127.0.0.1:" + server.port("https") + path;
    }

    /**
     * Runs curl over HTTP/2 ({@code --http2-prior-knowledge} for http: unless the options say {@code --http2},
     * ALPN for https:); returns the headers, then the body.
     */
    static String curl(String url, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-k", "--max-time", "20", "-D", "-",
                "-w", "\\nprotocol=%{http_version}"));
        List<String> extra = Arrays.asList(options);
        if (!extra.contains("--http2")) {
            command.add(url.startsWith("https:") ? "--http2" : "--http2-prior-knowledge");
        }
        command.addAll(extra);
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(curl.getInputStream().readAllBytes());
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS), "curl did not end");
        assertTrue(out.endsWith("protocol=2"), "not HTTP/2: " + out);
        return out.substring(0, out.lastIndexOf("\nprotocol=2"));
    }

    private static List<String> headers(String response, String name) {
        return response.lines().takeWhile(line -> !line.isEmpty())
                .filter(line -> line.toLowerCase().startsWith(name.toLowerCase() + ":"))
                .map(line -> line.substring(name.length() + 1).strip()).toList();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void twoCookiesStayTwoHeaders(boolean tls) throws Exception {
        String response = curl(tls ? h2("/t/cookies") : h2c("/t/cookies"));
        assertEquals(List.of("first=1", "second=2; Path=/"), headers(response, "set-cookie"), response);
        assertEquals("two cookies", body(response));
    }

    @Test
    void digestOverTlsAndH2cUpgradeWithCurl() throws Exception {
        for (String url : new String[] {h2("/t/digest"), h2c("/t/digest")}) {
            // over h2c, --http2 upgrades: curl 7.88 cannot reuse a prior-knowledge connection for its second request
            String both = curl(url, "--digest", "-u", "bob:builder", "--http2");   // the 401, then the answer
            String answered = both.substring(both.lastIndexOf("HTTP/2 "));
            assertTrue(answered.startsWith("HTTP/2 200"), both);
            assertEquals("hello bob", body(answered));
            String refused = curl(url, "--digest", "-u", "bob:wrong", "--http2");
            assertTrue(refused.substring(refused.lastIndexOf("HTTP/2 ")).startsWith("HTTP/2 401"), refused);
        }
    }

    @Test
    void digestWithEitherAlgorithmOverH2cPriorKnowledge() throws Exception {
        Http2Client client = Http2Client.builder().baseUri(h2c("")).protocolConfig(p -> p.priorKnowledge(true)).build();
        for (String algorithm : new String[] {"MD5", "SHA-256"}) {
            List<String> challenges;
            try (HttpClientResponse refused = client.get("/t/digest").request()) {
                assertEquals(401, refused.status().code());
                challenges = refused.headers().get(HeaderNames.WWW_AUTHENTICATE).allValues();
            }
            String answer = DigestAnswers.answer(algorithm, DigestAnswers.challenge(challenges, algorithm), "bob",
                    "builder", "/t/digest", "00000001");
            try (HttpClientResponse response = client.get("/t/digest").header(HeaderNames.AUTHORIZATION, answer)
                    .request()) {
                assertEquals(200, response.status().code(), algorithm);
                assertEquals("hello bob", response.as(String.class));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void virtualHostsByAuthority(boolean tls) throws Exception {
        int port = tls ? server.port("https") : server.port();
        String scheme = tls ? "https" : "http";
        String local = curl(scheme + "://localhost:" + port + "/t/vhost", "--resolve", "localhost:" + port + ":127.0.0.1");
        assertEquals("the localhost tree", body(local));
        assertEquals("the default tree", body(curl(tls ? h2("/t/vhost") : h2c("/t/vhost"))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rangesAndImfFixdates(boolean tls) throws Exception {
        String response = curl(tls ? h2("/t/files/twenty.txt") : h2c("/t/files/twenty.txt"), "-r", "2-5");
        assertTrue(response.startsWith("HTTP/2 206"), response);
        assertEquals(List.of("bytes 2-5/20"), headers(response, "content-range"));
        assertEquals("cdef", body(response));
        assertTrue(headers(response, "date").getFirst().matches(DATE), response);
        assertTrue(headers(response, "last-modified").getFirst().matches(DATE), response);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cgiSeesTheHostOfTheAuthority(boolean tls) throws Exception {
        int port = tls ? server.port("https") : server.port();
        String response = curl((tls ? "https" : "http") + "://localhost:" + port + "/t/cgi/env.sh",
                "--resolve", "localhost:" + port + ":127.0.0.1");
        assertEquals("HTTP_HOST=localhost:" + port + " SERVER_NAME=localhost SERVER_PROTOCOL=HTTP/2.0\n",
                body(response));
    }

    @Test
    void theAccessLogNamesTheClientByAddressOverTls() throws Exception {
        ACCESS.clear();
        curl(h2("/t/files/twenty.txt?h2"));
        Process http11 = new ProcessBuilder("curl", "-s", "-k", "--http1.1", "-o", "/dev/null",
                "https://localhost:" + server.port("https") + "/t/files/twenty.txt?h1",
                "--resolve", "localhost:" + server.port("https") + ":127.0.0.1").start();
        assertTrue(http11.waitFor(30, TimeUnit.SECONDS) && http11.exitValue() == 0);
        // A line is written once its response has gone out, so it may come after curl has exited.
        String first = nextAccessLine("GET /t/files/twenty.txt?h");
        String second = nextAccessLine("GET /t/files/twenty.txt?h");
        assertTrue(first.startsWith("\"127.0.0.1\" - - ["), first);
        assertTrue(first.contains("\"GET /t/files/twenty.txt?h2 HTTP/2.0\" 200 20 "), first);
        assertTrue(second.startsWith("\"127.0.0.1\" - - ["), second);
        assertTrue(second.contains("\"GET /t/files/twenty.txt?h1 HTTP/1.1\" 200 20 "), second);
    }

    /** The next access-log line that contains {@code text} (others, late lines of earlier tests, are skipped). */
    private static String nextAccessLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String line = ACCESS.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, "no access-log line with " + text + " within 30 s");
            if (line.contains(text)) {
                return line;
            }
        }
    }

    @Test
    void h2cByUpgrade() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            // the first request may upgrade; ask twice and require HTTP/2 on the connection it keeps
            HttpRequest request = HttpRequest.newBuilder(URI.create(h2c("/echo"))).timeout(Duration.ofSeconds(20)).build();
            client.send(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertTrue(response.body().contains("Page view #1 in this session"));
        }
    }

    @Test
    void h2cWithPriorKnowledgeAndDeferredResults() {
        Http2Client client = Http2Client.builder().baseUri(h2c(""))
                .protocolConfig(p -> p.priorKnowledge(true)).build();
        try (HttpClientResponse response = client.get("/delayed").request()) {
            assertEquals(200, response.status().code());
            assertEquals("<html><body>Sorry to keep you waiting.</body></html>", response.as(String.class));
        }
        try (HttpClientResponse response = client.get("/echo").queryParam("raise", "E2").request()) {
            assertEquals(500, response.status().code());
            assertTrue(response.as(String.class).contains("E2: raised before write"));
        }
    }

    @Test
    void h2OverTlsWithTheSecureSessionCookie() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestTls.trustingClient()).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(h2("/session"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("TWISTED_SECURE_SESSION="), cookie);
            assertTrue(cookie.endsWith("; Path=/; Secure; HttpOnly; SameSite=lax"), cookie);
        }
    }
}
