package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.web.examples.DemoSite;
import dev.braid.web.session.InMemorySessionStore;
import dev.braid.web.session.Session;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Sessions over real HTTP, with expiry driven by the Clock. */
class SessionTest {
    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    @Test
    void sessionIdsCountersAndExpiry() throws Exception {
        try (DemoFixture demo = new DemoFixture()) {
            HttpResponse<String> first = demo.get("/session");
            String cookie = cookieOf(first);
            String id = cookie.substring("TWISTED_SESSION=".length());
            assertEquals("Your session id is: " + id, first.body());
            assertTrue(first.headers().firstValue("Set-Cookie").orElseThrow().endsWith("; Path=/; HttpOnly; SameSite=lax"));
            assertEquals("Your session id is: " + id, demo.get("/session", "Cookie", cookie).body());
            assertTrue(demo.get("/session", "Cookie", cookie).headers().firstValue("Set-Cookie").isEmpty());
            assertEquals("Visit #1 for you!", demo.get("/counter", "Cookie", cookie).body());
            assertEquals("Visit #2 for you!", demo.get("/counter", "Cookie", cookie).body());
            assertEquals("Your session has been expired.", demo.get("/session/expire", "Cookie", cookie).body());
            HttpResponse<String> after = demo.get("/session", "Cookie", cookie);
            assertNotEquals(cookie, cookieOf(after), "an expired cookie gets a new session");
            assertEquals("Visit #1 for you!", demo.get("/counter", "Cookie", cookieOf(after)).body());
        }
    }

    @Test
    void oneKeepAliveConnectionNeverServesAnExpiredSessionAgain() throws Exception {
        // The requests of one connection share the parse of their Cookie header and the session it
        // names; an expiry between two of them must still give the next one a new session.
        try (DemoFixture demo = new DemoFixture(); RawHttp http = new RawHttp(demo.port())) {
            http.send("GET /counter HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Response first = http.read(false);
            String cookie = first.header("Set-Cookie").split(";")[0];
            for (int visit = 2; visit <= 3; visit++) {
                http.send("GET /counter HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie + "\r\n\r\n");
                assertEquals("Visit #" + visit + " for you!", http.read(false).body());
            }
            http.send("GET /session/expire HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie + "\r\n\r\n");
            assertEquals("Your session has been expired.", http.read(false).body());
            http.send("GET /counter HTTP/1.1\r\nHost: localhost\r\nCookie: " + cookie + "\r\n\r\n");
            RawHttp.Response after = http.read(false);
            assertEquals("Visit #1 for you!", after.body());
            assertNotEquals(cookie, after.header("Set-Cookie").split(";")[0]);
        }
    }

    @Test
    void unknownOrMalformedCookiesGetANewSession() throws Exception {
        try (DemoFixture demo = new DemoFixture()) {
            for (String bad : new String[] {"TWISTED_SESSION=nope", "TWISTED_SESSION", "=;;;=", "TWISTED_SESSION=\"\";x"}) {
                HttpResponse<String> response = demo.get("/counter", "Cookie", bad);
                assertEquals(200, response.statusCode(), bad);
                assertEquals("Visit #1 for you!", response.body());
                assertTrue(cookieOf(response).matches("TWISTED_SESSION=[0-9a-f]{64}"));
            }
        }
    }

    @Test
    void timeoutCountsFromTheLastAccessOnTheClock() throws Exception {
        Clock clock = new Clock();
        try (DemoFixture demo = new DemoFixture(b -> b.clock(clock))) {
            String cookie = cookieOf(demo.get("/counter"));
            clock.advance(600);
            assertEquals("Visit #2 for you!", demo.get("/counter", "Cookie", cookie).body());
            clock.advance(600);   // 1200 s after creation, 600 after the last access
            assertEquals("Visit #3 for you!", demo.get("/counter", "Cookie", cookie).body());
            clock.advance(900);
            HttpResponse<String> expired = demo.get("/counter", "Cookie", cookie);
            assertEquals("Visit #1 for you!", expired.body());
            assertNotEquals(cookie, cookieOf(expired));
        }
    }

    @Test
    void logmeLogsExpiryAfterFiveSeconds() throws Exception {
        Clock clock = new Clock();
        try (DemoFixture demo = new DemoFixture(b -> b.clock(clock)); LogCapture log = LogCapture.of("-")) {
            HttpResponse<String> response = demo.get("/logme");
            String cookie = cookieOf(response);
            assertTrue(cookie.startsWith("TWISTED_SESSION_logme="), cookie);
            String uid = cookie.substring(cookie.indexOf('=') + 1);
            clock.advance(4.9);
            assertFalse(log.messages().contains("Session " + uid + " has expired."));
            clock.advance(0.1);
            assertEquals(List.of("Session " + uid + " has expired."), log.messages());
            clock.advance(10);
            assertEquals(1, log.messages().size(), "notifyOnExpire runs once");
        }
    }

    @Test
    void componentsAreTheSameObjectEvenUnderConcurrentRequests() throws Exception {
        try (DemoFixture demo = new DemoFixture(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String cookie = cookieOf(demo.get("/counter"));
            List<Future<String>> visits = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                visits.add(pool.submit(() -> demo.get("/counter", "Cookie", cookie).body()));
            }
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (Future<String> visit : visits) {
                seen.add(visit.get());
            }
            assertEquals(50, seen.size(), "every visit counted once: " + seen);
            assertEquals("Visit #52 for you!", demo.get("/counter", "Cookie", cookie).body());
        }
    }

    @Test
    void theStoreIsBoundedAndEvictsTheLeastRecentlyUsed() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore(3, 3);
        Clock clock = new Clock();
        Site site = Site.builder(DemoSite.root(DemoSite.Options.TUTORIAL)).sessionStore(store).clock(clock).build();
        List<String> expired = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Session session = site.sessions().makeSession();
            session.notifyOnExpire(() -> expired.add(session.uid()));
            sessions.add(session);
        }
        assertEquals(3, store.size());
        assertEquals(2, store.evictions());
        assertEquals(List.of(sessions.get(0).uid(), sessions.get(1).uid()), expired);
        assertTrue(site.sessions().find(sessions.get(4).uid()).isPresent());
        assertSame(sessions.get(4), site.sessions().find(sessions.get(4).uid()).orElseThrow());
        site.close();
    }

    @Test
    void aFloodOfCookielessRequestsStaysWithinTheCap() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore(20, 20);
        try (DemoFixture demo = new DemoFixture(b -> b.sessionStore(store))) {
            for (int i = 0; i < 60; i++) {
                assertEquals(200, demo.get("/counter").statusCode());
            }
            // two sites share the builder settings, so both use the store: the cap holds overall
            assertTrue(store.size() <= 20, "store size " + store.size());
            assertTrue(store.evictions() >= 40);
        }
    }

    @Test
    void expiryUsesTheSitesOwnTimerLoopByDefault() throws Exception {
        Site site = Site.builder(new Resource()).sessionTimeout(Duration.ofMillis(50)).build();
        Session session = site.sessions().makeSession();
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        session.notifyOnExpire(gone::countDown);
        assertTrue(gone.await(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(site.sessions().find(session.uid()).isEmpty());
        site.close();
    }
}
