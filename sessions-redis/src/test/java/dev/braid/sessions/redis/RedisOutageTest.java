package dev.braid.sessions.redis;

import static dev.braid.sessions.redis.WebInstance.cookieOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Redis going away and coming back: 503 for pages that need a session, one log line per outage, recovery by itself. */
@Timeout(120)
class RedisOutageTest {
    @TempDir
    Path dir;
    private final Logger logger = Logger.getLogger(RedisSessions.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            (record.getLevel().intValue() >= Level.WARNING.intValue() ? warnings : infos).add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        RedisServer.assumeInstalled();
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals(Optional.of("5"), response.headers().firstValue("Retry-After"));
        assertTrue(response.body().contains("Sessions are unavailable at the moment"), response.body());
    }

    @Test
    void redisRestartedMidUse() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
             WebInstance a = new WebInstance(redis.uri())) {
            String cookie = cookieOf(a.get("/counter", null));
            assertEquals("Visit #2 for you!", a.get("/counter", cookie).body());
            redis.stop();
            for (int i = 0; i < 50; i++) {
                assertUnavailable(a.get(i % 2 == 0 ? "/counter" : "/echo", cookie));
                assertUnavailable(a.get("/counter", null));
                assertEquals("hello", a.get("/hello", null).body(), "a page without a session works");
            }
            assertEquals(1, warnings.stream().filter(w -> w.contains("is unreachable")).count(), "once per outage: " + warnings);
            redis.start();
            assertTrue(a.redis.awaitAvailable(Duration.ofSeconds(30)), "reconnected by itself");
            assertEquals("Visit #3 for you!", a.get("/counter", cookie).body(), "the session survived (append-only file)");
            assertEquals(1, infos.stream().filter(i -> i.contains("is reachable again")).count(), "recovery logged once: " + infos);
            assertEquals(1, warnings.stream().filter(w -> w.contains("is unreachable")).count());
        }
    }

    @Test
    void redisAbsentAtStartThenThere() throws Exception {
        int port = RedisServer.freePort();
        try (WebInstance a = new WebInstance("redis://127.0.0.1:" + port + "/0")) {
            assertEquals(1, warnings.stream().filter(w -> w.contains("is unreachable (Unable to connect")).count(), warnings.toString());
            assertUnavailable(a.get("/counter", null));
            assertEquals("hello", a.get("/hello", null).body());
            try (RedisServer _ = RedisServer.startOn(dir.resolve("late"), port)) {
                assertTrue(a.redis.awaitAvailable(Duration.ofSeconds(30)), "connected by itself");
                HttpResponse<String> first = a.get("/counter", null);
                assertEquals("Visit #1 for you!", first.body());
                assertEquals("Visit #2 for you!", a.get("/counter", cookieOf(first)).body());
            }
        }
    }

    @Test
    void aRedisThatHangsIsBoundedByTheCommandTimeout() throws Exception {
        try (RedisServer redis = RedisServer.start(dir.resolve("redis"));
             WebInstance a = new WebInstance(RedisSessions.builder(redis.uri()).commandTimeout(Duration.ofMillis(300)).build(),
                     UnaryOperator.identity())) {
            String cookie = cookieOf(a.get("/counter", null));
            signal("STOP", redis.pid());
            try {
                for (int i = 0; i < 3; i++) {
                    assertUnavailable(a.get("/counter", cookie));
                }
                assertEquals("hello", a.get("/hello", null).body());
            } finally {
                signal("CONT", redis.pid());
            }
            assertTrue(a.redis.awaitAvailable(Duration.ofSeconds(30)));
            // A command that timed out was written already: Redis runs it when it resumes. A 503 on a
            // timeout does not prove the change was not made; no count is lost, a few may be added.
            String body = a.get("/counter", cookie).body();
            int count = Integer.parseInt(body.replaceAll("\\D", ""));
            assertTrue(count >= 2 && count <= 5, body);
            assertEquals("Visit #" + (count + 1) + " for you!", a.get("/counter", cookie).body());
        }
    }

    private static void signal(String name, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor());
    }
}
