package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.WebServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's extras, mounted from the repository's etc/: each example answers over real HTTP. */
class DemoExtrasTest {
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();   // the proxy example points at the demo's own port
        }
        DemoSite.Options options = new DemoSite.Options(0.05, Path.of("..", "etc").toAbsolutePath().normalize(), port);
        server = WebServer.builder().host("127.0.0.1").port(port)
                .routing(r -> DemoSite.register(r, options, UnaryOperator.identity())).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawHttp.Response get(String path, String... headers) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + String.join("",
                    java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n");
            return http.read(false);
        }
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    @Test
    void everyExtraAnswers() throws Exception {
        assertTrue(get("/static/").body().contains("Served by FileResource"));
        assertTrue(get("/static/poems/").body().contains("ecstasy.txt"));
        assertTrue(get("/static/hello.rpy.java").body().contains("Hello from a resource script: visit #"));
        assertEquals(401, get("/private").status());
        assertTrue(get("/private", basic("bob", "builder")).body().contains("Welcome, bob."));
        assertTrue(get("/private", basic("alice", "wonderland")).body().contains("Welcome, alice."));
        assertTrue(get("/users/", basic("alice", "wonderland")).body().contains("alice's public_html"));
        assertEquals(404, get("/users/", basic("bob", "builder")).status(), "bob has no public_html");
        assertTrue(get("/cgi-bin/date.sh").body().matches("(?s).*\\d{2}:\\d{2}:\\d{2}.*"));
        assertTrue(get("/app/anything?x=1").body().startsWith("Hello from a JDK HttpHandler at /app/anything?x=1"));
        assertTrue(get("/proxy/").body().contains("Served by FileResource"), "proxied to /static");
        assertEquals("You asked for localhost.", get("/vhost").body());
    }
}
