package dev.braid.sessions.redis;

import static dev.braid.sessions.redis.WebInstance.cookieOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.session.Session;
import dev.braid.web.session.SessionExpiredException;
import dev.braid.web.session.SessionValues;
import dev.braid.web.session.ValueCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two servers sharing their sessions through one real Redis. */
@Timeout(120)
class SharedSessionsTest {
    @TempDir
    static Path dir;
    static RedisServer redis;
    static RedisClient client;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> direct;

    @BeforeAll
    static void startRedis() throws Exception {
        RedisServer.assumeInstalled();
        redis = RedisServer.start(dir.resolve("redis"));
        client = RedisClient.create(redis.uri());
        connection = client.connect();
        direct = connection.sync();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static String uid(String cookie) {
        return cookie.substring(cookie.indexOf('=') + 1);
    }

    @Test
    void theCounterContinuesAcrossServers() throws Exception {
        try (WebInstance a = new WebInstance(redis.uri()); WebInstance b = new WebInstance(redis.uri())) {
            HttpResponse<String> first = a.get("/echo", null);
            String cookie = cookieOf(first);
            assertTrue(first.body().contains("Page view #1 in this session"), first.body());
            for (int view = 2; view <= 20; view++) {
                WebInstance server = view % 2 == 0 ? b : a;
                HttpResponse<String> response = server.get("/echo", cookie);
                assertEquals(200, response.statusCode());
                assertTrue(response.body().contains("Page view #" + view + " in this session"), view + ": " + response.body());
                assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), "the same session on both servers");
            }
            assertEquals("Visit #1 for you!", b.get("/counter", cookie).body(), "/counter counts apart from /echo");
            assertEquals("Visit #2 for you!", a.get("/counter", cookie).body());
            assertEquals("Your session id is: " + uid(cookie), b.get("/session", cookie).body());
        }
    }

    @Test
    void sessionsAreHashesWithTheDocumentedCodecAndATtl() throws Exception {
        try (WebInstance a = new WebInstance(redis.uri())) {
            String cookie = cookieOf(a.get("/echo", null));
            a.get("/echo", cookie);
            String key = "braid:session:" + uid(cookie);
            Map<String, String> hash = direct.hgetall(key);
            assertEquals(Set.of("created", "v:echo.views"), hash.keySet());
            assertEquals("2", hash.get("v:echo.views"));
            long created = Long.parseLong(hash.get("created"));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - created) < 3600, "seconds since 1970: " + created);
            long ttl = direct.pttl(key);
            assertTrue(ttl > 900_000 && ttl <= 960_000, "the timeout (900 s) plus a slack of at most 60 s: " + ttl);

            Session session = a.main.sessions().find(uid(cookie)).orElseThrow();
            SessionValues values = session.values();
            values.put("name", "Zoë", ValueCodec.STRING);
            values.put("when", 42L, ValueCodec.LONG);
            assertEquals("Zoë", direct.hget(key, "v:name"));
            assertEquals(Optional.of("Zoë"), values.get("name"));
            assertEquals(Optional.of(42L), values.get("when", ValueCodec.LONG));
            assertEquals(43, values.increment("when", 1));
            assertEquals(Optional.empty(), values.get("missing"));
            values.remove("name");
            assertEquals(Optional.empty(), values.get("name"));
            IllegalStateException notANumber = assertThrows(IllegalStateException.class, () -> {
                values.put("text", "abc");
                values.increment("text", 1);
            });
            assertEquals("session value 'text' is not a decimal integer", notANumber.getMessage());
            values.put("big", Long.toString(Long.MAX_VALUE));
            assertEquals("session counter 'big' would overflow",
                    assertThrows(IllegalStateException.class, () -> values.increment("big", 1)).getMessage());
        }
    }

    @Test
    void concurrentIncrementsFromTwoServersLoseNothing() throws Exception {
        try (WebInstance a = new WebInstance(redis.uri()); WebInstance b = new WebInstance(redis.uri())) {
            String cookie = cookieOf(a.get("/session", null));
            int total = 10_000;
            int perServer = 32;
            AtomicInteger issued = new AtomicInteger();
            Set<Integer> seen = ConcurrentHashMap.newKeySet();
            List<String> problems = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> workers = new ArrayList<>();
                for (WebInstance server : List.of(a, b)) {
                    for (int c = 0; c < perServer; c++) {
                        workers.add(threads.submit(() -> {
                            while (issued.incrementAndGet() <= total) {
                                HttpResponse<String> response = server.get("/counter", cookie);
                                String body = response.body();
                                if (response.statusCode() != 200 || !body.startsWith("Visit #")) {
                                    synchronized (problems) {
                                        problems.add(response.statusCode() + " " + body);
                                    }
                                    continue;
                                }
                                seen.add(Integer.parseInt(body.substring(7, body.indexOf(' ', 7))));
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> worker : workers) {
                    worker.get(100, TimeUnit.SECONDS);
                }
            }
            assertEquals(List.of(), problems);
            assertEquals(total, seen.size(), "every request saw its own count");
            assertEquals(1, seen.stream().mapToInt(Integer::intValue).min().orElseThrow());
            assertEquals(total, seen.stream().mapToInt(Integer::intValue).max().orElseThrow());
            assertEquals("Visit #" + (total + 1) + " for you!", b.get("/counter", cookie).body());
        }
    }

    @Test
    void aServerStartedLaterContinuesTheSession() throws Exception {
        String cookie;
        try (WebInstance a = new WebInstance(redis.uri())) {
            cookie = cookieOf(a.get("/echo", null));
            a.get("/echo", cookie);
        }
        try (WebInstance c = new WebInstance(redis.uri())) {
            HttpResponse<String> response = c.get("/echo", cookie);
            assertTrue(response.body().contains("Page view #3 in this session"), response.body());
            assertTrue(response.headers().firstValue("Set-Cookie").isEmpty());
        }
    }

    @Test
    void unknownAndMalformedCookiesGetNewSessions() throws Exception {
        try (WebInstance a = new WebInstance(redis.uri())) {
            for (String bad : new String[] {"TWISTED_SESSION=nope", "TWISTED_SESSION=" + "0".repeat(64),
                    "TWISTED_SESSION=" + "A".repeat(64), "TWISTED_SESSION=*", "TWISTED_SESSION=" + "x".repeat(5000)}) {
                HttpResponse<String> response = a.get("/counter", bad);
                assertEquals(200, response.statusCode(), bad);
                assertEquals("Visit #1 for you!", response.body());
                assertNotEquals(bad, cookieOf(response));
            }
            assertEquals(0, direct.exists("braid:session:" + "0".repeat(64)), "an unknown id is not made");
        }
    }

    @Test
    void anExpiryOnOneServerExpiresTheSessionOnTheOther() throws Exception {
        try (WebInstance a = new WebInstance(redis.uri()); WebInstance b = new WebInstance(redis.uri())) {
            String cookie = cookieOf(a.get("/counter", null));
            assertEquals("Visit #2 for you!", b.get("/counter", cookie).body());
            Session onB = b.main.sessions().find(uid(cookie)).orElseThrow();
            CountDownLatch expiredOnB = new CountDownLatch(1);
            onB.notifyOnExpire(expiredOnB::countDown);
            assertEquals("Your session has been expired.", a.get("/session/expire", cookie).body());
            assertEquals(0, direct.exists("braid:session:" + uid(cookie)));
            assertTrue(expiredOnB.await(20, TimeUnit.SECONDS), "B heard of it");
            assertTrue(onB.isExpired());
            HttpResponse<String> next = b.get("/counter", cookie);
            assertEquals("Visit #1 for you!", next.body());
            assertNotEquals(cookie, cookieOf(next));
            assertThrows(SessionExpiredException.class, () -> onB.values().increment("x", 1),
                    "the values of an expired session are gone with it");
        }
    }

    @Test
    void anIdleSessionExpiresOnBothServersWhenRedisDropsIt() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (WebInstance a = new WebInstance(RedisSessions.builder(redis.uri()).build(), s -> s.sessionTimeout(timeout));
             WebInstance b = new WebInstance(RedisSessions.builder(redis.uri()).build(), s -> s.sessionTimeout(timeout))) {
            String cookie = cookieOf(a.get("/counter", null));
            assertEquals("Visit #2 for you!", b.get("/counter", cookie).body());
            CountDownLatch expired = new CountDownLatch(2);
            a.main.sessions().find(uid(cookie)).orElseThrow().notifyOnExpire(expired::countDown);
            b.main.sessions().find(uid(cookie)).orElseThrow().notifyOnExpire(expired::countDown);
            assertTrue(expired.await(30, TimeUnit.SECONDS), "expired on both servers");
            assertEquals(0, direct.exists("braid:session:" + uid(cookie)), "Redis dropped it");
            for (WebInstance server : List.of(a, b)) {
                HttpResponse<String> next = server.get("/counter", cookie);
                assertEquals("Visit #1 for you!", next.body());
                assertNotEquals(cookie, cookieOf(next));
            }
        }
    }

    @Test
    void aBusySessionOnOneServerLivesOnTheOtherPastItsTimeout() throws Exception {
        // B holds the session idle while A keeps using it: B's timer asks Redis and keeps it.
        try (WebInstance a = new WebInstance(RedisSessions.builder(redis.uri()).build(), s -> s.sessionTimeout(Duration.ofMillis(1500)));
             WebInstance b = new WebInstance(RedisSessions.builder(redis.uri()).build(), s -> s.sessionTimeout(Duration.ofMillis(1500)))) {
            String cookie = cookieOf(b.get("/counter", null));
            Session onB = b.main.sessions().find(uid(cookie)).orElseThrow();
            CountDownLatch idleTwiceOverOnB = new CountDownLatch(1);
            b.main.clock().callLater(3.5, idleTwiceOverOnB::countDown);
            int count = 1;
            while (idleTwiceOverOnB.getCount() > 0) {
                count++;
                assertEquals("Visit #" + count + " for you!", a.get("/counter", cookie).body());
                idleTwiceOverOnB.await(200, TimeUnit.MILLISECONDS);   // the visitor's pace on A
            }
            assertFalse(onB.isExpired(), "idle on B for more than twice its timeout, but alive on A");
            assertEquals("Visit #" + (count + 1) + " for you!", b.get("/counter", cookie).body());
        }
    }

    @Test
    void aStoreServesOneSite() {
        try (RedisSessions sessions = RedisSessions.builder(redis.uri()).build()) {
            RedisSessionStore store = sessions.newStore();
            dev.braid.web.Site.builder(new dev.braid.web.Resource()).sessionStore(store).build().close();
            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> dev.braid.web.Site.builder(new dev.braid.web.Resource()).sessionStore(store).build());
            assertTrue(twice.getMessage().contains("make one per Site"), twice.getMessage());
        }
    }

    @Test
    void theLocalCapForgetsObjectsButNotSessions() throws Exception {
        try (WebInstance a = new WebInstance(RedisSessions.builder(redis.uri()).maxLocalSessions(4).build(), s -> s)) {
            List<String> cookies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String cookie = cookieOf(a.get("/counter", null));
                cookies.add(cookie);
            }
            assertTrue(a.main.sessions().store().size() <= 4, "held here: " + a.main.sessions().store().size());
            for (String cookie : cookies) {
                assertEquals("Visit #2 for you!", a.get("/counter", cookie).body());
            }
        }
    }
}
