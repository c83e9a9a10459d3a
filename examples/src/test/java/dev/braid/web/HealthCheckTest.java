package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.web.examples.SessionExamples;
import dev.braid.web.health.HealthCheck;
import dev.braid.web.session.InMemorySessionStore;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load balancers' probe: answered beside the Site, touching no session, over both protocols' clients. */
class HealthCheckTest {
    private static final Clock CLOCK = new Clock();
    private static final InMemorySessionStore SESSIONS = new InMemorySessionStore(100);
    private static WebServer server;

    @BeforeAll
    static void start() {
        Resource root = new Resource();
        root.putChild("session", new SessionExamples.ShowSession());
        Site site = Site.builder(root).clock(CLOCK).sessionStore(SESSIONS).sessionTimeout(Duration.ofSeconds(900))
                .accessLog(null).build();
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> HealthCheck.register(r, "/healthz").register(site)).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void okForGetAndHeadOnlyAndNeverCached() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response ok = http.get("/healthz");
            assertEquals(200, ok.status());
            assertEquals("OK\n", ok.body());
            assertEquals("text/plain; charset=utf-8", ok.header("Content-Type"));
            assertEquals("no-store", ok.header("Cache-Control"));
            assertTrue(ok.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"));
            http.send("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = http.read(true);
            assertEquals(200, head.status());
            assertEquals("3", head.header("Content-Length"));
            http.send("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            RawHttp.Response post = http.read(false);
            assertEquals(405, post.status());
            assertEquals("GET, HEAD", post.header("Allow"));
            assertEquals("OK\n", http.get("/healthz").body(), "the connection is intact");
        }
    }

    @Test
    void probesNeitherCreateNorKeepSessionsAlive() throws Exception {
        String cookie;
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response page = http.get("/session");
            cookie = page.header("Set-Cookie").split(";")[0];
        }
        int before = SESSIONS.size();
        CLOCK.advance(899);
        for (int i = 0; i < 20; i++) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n");
                RawHttp.Response probe = http.read(false);
                assertEquals(200, probe.status());
                assertNull(probe.header("Set-Cookie"), "no session for a probe");
            }
        }
        assertEquals(before, SESSIONS.size(), "no session was created");
        CLOCK.advance(2);
        assertEquals(before - 1, SESSIONS.size(), "the probes did not keep the session alive: it expired on time");
    }

    @Test
    void aPathMustBeAPath() {
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.register(HttpRouting.builder(), "healthz"));
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.register(HttpRouting.builder(), "/"));
    }
}
