package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.session.Session;
import dev.braid.web.session.SessionStore;
import dev.braid.web.session.SessionsUnavailableException;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session store that cannot be reached: 503 for pages that need a session, the rest served, nothing logged per request. */
@Timeout(60)
class SessionsUnavailableTest {
    /** The edge of the test: a store whose server is down. */
    private static final class DownStore implements SessionStore {
        private static SessionsUnavailableException down() {
            return new SessionsUnavailableException("the session store is down", null);
        }

        @Override
        public Optional<Session> find(String uid) {
            throw down();
        }

        @Override
        public void put(Session session) {
            throw down();
        }

        @Override
        public void remove(String uid) {
            throw down();
        }

        @Override
        public int size() {
            return 0;
        }
    }

    @Test
    void pagesThatNeedASessionGet503AndTheOthersWork() throws Exception {
        try (LogCapture log = LogCapture.of("dev.braid.web"); DemoFixture demo = new DemoFixture(b -> b.sessionStore(new DownStore()))) {
            for (String path : new String[] {"/counter", "/echo", "/echo/blocking", "/session"}) {
                for (String cookie : new String[] {"TWISTED_SESSION=" + "a".repeat(64), "x=y"}) {
                    HttpResponse<String> response = demo.get(path, "Cookie", cookie);
                    assertEquals(503, response.statusCode(), path);
                    assertEquals(Optional.of("5"), response.headers().firstValue("Retry-After"));
                    assertTrue(response.body().contains("Sessions are unavailable at the moment"), response.body());
                    assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "no cookie for a session never made");
                }
            }
            assertEquals(200, demo.get("/hello").statusCode());
            assertEquals("hello", demo.get("/hello").body());
            assertEquals(200, demo.get("/").statusCode());
            assertTrue(log.messages().stream().noneMatch(m -> m.startsWith("Processing failed")),
                    "the store logs an outage, not each request: " + log.messages());
        }
    }
}
