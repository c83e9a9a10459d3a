package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.web.examples.DemoSite;
import dev.braid.web.session.InMemorySessionStore;
import dev.braid.web.session.Session;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An anonymous flood against the session store: new sessions compete among
 * themselves in a small probation part, so the visitors who came back keep
 * their sessions, and the evictions make a couple of log lines, not one per
 * flood of thousands.
 */
@Timeout(120)
class SessionFloodTest {
    @Test
    void aHundredThousandAnonymousSessionsLeaveEstablishedOnesAlone() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore(100_000);
        Site site = Site.builder(new Resource()).sessionStore(store).clock(new Clock()).accessLog(null).build();
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Session user = site.sessions().makeSession();
            assertTrue(site.sessions().find(user.uid()).isPresent(), "the visitor comes back: established");
            users.add(user);
        }
        try (LogCapture log = LogCapture.of(InMemorySessionStore.class.getName())) {
            for (int i = 0; i < 130_000; i++) {
                site.sessions().makeSession();   // a request without a cookie, never seen again
            }
            assertTrue(log.messages().size() <= 2, "evictions logged at a bounded rate: " + log.messages());
            assertTrue(log.messages().getFirst().contains("evicted so far"), log.messages().toString());
        }
        for (Session user : users) {
            assertTrue(site.sessions().find(user.uid()).isPresent(), "an established session was evicted");
            assertTrue(!user.isExpired());
        }
        assertEquals(1_000, store.established());
        assertEquals(1_000 + 10_000, store.size(), "the new sessions fill only their own part");
        assertEquals(130_000 - 10_000, store.evictions());
        site.close();
    }

    @Test
    void establishedSessionsCompeteOnlyAmongThemselves() {
        InMemorySessionStore store = new InMemorySessionStore(3, 2);
        Site site = Site.builder(new Resource()).sessionStore(store).clock(new Clock()).accessLog(null).build();
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Session user = site.sessions().makeSession();
            site.sessions().find(user.uid());
            users.add(user);
        }
        site.sessions().makeSession();   // two anonymous ones push the last users out of probation
        site.sessions().makeSession();
        assertTrue(users.getFirst().isExpired(), "the least recently used established session made room");
        assertTrue(users.subList(1, 4).stream().noneMatch(Session::isExpired));
        assertEquals(3, store.established());
        site.close();
    }

    @Test
    void overHttpAFloodOfCookielessRequestsKeepsTheRealVisitorsCounting() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore(100, 10);
        try (DemoFixture demo = new DemoFixture(b -> b.sessionStore(store))) {
            List<String> cookies = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> first = demo.get("/counter");
                String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                assertEquals("Visit #2 for you!", demo.get("/counter", "Cookie", cookie).body());
                cookies.add(cookie);
            }
            for (int i = 0; i < 500; i++) {
                assertEquals(200, demo.get("/counter").statusCode());
            }
            for (String cookie : cookies) {
                assertEquals("Visit #3 for you!", demo.get("/counter", "Cookie", cookie).body(), cookie);
            }
        }
        assertTrue(store.size() <= 110, "size " + store.size());
    }
}
