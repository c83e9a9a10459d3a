package dev.braid.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.sessions.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment of docs/scale-out.md, for real: two braid binaries sharing
 * their sessions in Debian's redis-server (one started from the command line,
 * one from etc/scale-out.yaml), behind Debian's nginx configured by
 * etc/nginx/braid-scale-out.conf (round robin, a failed upstream retried on the
 * other), all on free loopback ports and stopped by pid.
 */
@Timeout(300)
class ScaleOutIT {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Pattern PAGE_VIEW = Pattern.compile("Page view #(\\d+) in this session");

    @TempDir
    static Path dir;
    static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        RedisServer.assumeInstalled();
        boolean nginx = Files.isExecutable(NGINX);
        if (!nginx) {
            System.out.println("SKIPPED: the scale-out tests need " + NGINX + " (apt-get install nginx)");
        }
        assumeTrue(nginx, "no nginx");
        redis = RedisServer.start(dir.resolve("redis"));
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    /** Two braid instances and nginx in front of them. */
    private static final class Deployment implements AutoCloseable {
        final ForegroundBraid a;
        final ForegroundBraid b;
        final int portA;
        final int portB;
        final Process nginx;
        final int port;
        final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        /** Instance A from the command line, B from a copy of etc/scale-out.yaml, nginx from etc/nginx. */
        Deployment(String name, String... extra) throws Exception {
            Path here = Files.createDirectories(dir.resolve(name));
            a = braid(Files.createDirectories(here.resolve("a")), extra);
            Path yaml = Files.createDirectories(here.resolve("b")).resolve("scale-out.yaml");
            StringBuilder options = new StringBuilder();
            for (int i = 0; i + 1 < extra.length; i += 2) {   // --name value, as the file's options say it
                options.append("\n        ").append(extra[i].substring(2)).append(": ").append(extra[i + 1]);
            }
            Files.writeString(yaml, Files.readString(BraidBinary.etc().resolve("scale-out.yaml"))
                    .replace("tcp:8081:interface", "tcp:0:interface").replace("redis://127.0.0.1:6379/0", redis.uri())
                    .replace("health: /healthz", "health: /healthz" + options));
            b = ForegroundBraid.start(yaml.getParent(), Map.of(), "-n", "--pidfile=", "-c", yaml.toString());
            portA = Integer.parseInt(a.await("\\[-\\] Site starting on (\\d+)"));
            portB = Integer.parseInt(b.await("Site starting on (\\d+)"));
            a.await("Sessions are kept in Redis");
            b.await("Sessions are kept in Redis");
            port = RedisServer.freePort();
            Path conf = Files.createDirectories(here.resolve("nginx"));
            Files.writeString(conf.resolve("braid.conf"), Files.readString(BraidBinary.etc().resolve("nginx/braid-scale-out.conf"))
                    .replace("127.0.0.1:8081", "127.0.0.1:" + portA).replace("127.0.0.1:8082", "127.0.0.1:" + portB)
                    .replace("listen 127.0.0.1:8080", "listen 127.0.0.1:" + port));
            Files.writeString(conf.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log;
                    events { }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        include %1$s/braid.conf;
                    }
                    """.formatted(conf));
            nginx = new ProcessBuilder(NGINX.toString(), "-p", conf.toString(), "-c", conf.resolve("nginx.conf").toString())
                    .redirectErrorStream(true).redirectOutput(conf.resolve("out.txt").toFile()).start();
            Waiting.forFile(conf.resolve("nginx.pid"), BraidBinary.PATIENCE);   // written once its port is bound
        }

        private static ForegroundBraid braid(Path where, String... extra) throws IOException {
            List<String> args = new ArrayList<>(List.of("-n", "--pidfile=", "web", "--listen", "tcp:0:interface=127.0.0.1",
                    "--sessions", redis.uri(), "--health", "/healthz"));
            args.addAll(List.of(extra));
            return ForegroundBraid.start(where, Map.of(), args.toArray(String[]::new));
        }

        HttpResponse<String> get(int to, String path, String cookie) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to + path))
                    .timeout(Duration.ofSeconds(30));
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
            return get(port, path, cookie);
        }

        @Override
        public void close() throws IOException {
            try {
                nginx.destroy();
                nginx.waitFor(30, TimeUnit.SECONDS);
                for (ForegroundBraid braid : List.of(a, b)) {
                    if (ProcessHandle.of(braid.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                        braid.signalAndWait("TERM");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the deployment", e);
            } finally {
                client.close();
            }
        }
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"))
                .split(";")[0];
    }

    private static int pageView(HttpResponse<String> response) {
        Matcher matcher = PAGE_VIEW.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            fail("not a page view: " + response.statusCode() + " " + response.body());
        }
        return Integer.parseInt(matcher.group(1));
    }

    @Test
    void theCounterContinuesAcrossBothInstances() throws Exception {
        try (Deployment site = new Deployment("alternate")) {
            HttpResponse<String> first = site.get("/echo", null);
            String cookie = cookieOf(first);
            assertEquals(1, pageView(first));
            Set<String> upstreams = new HashSet<>();
            String previous = first.headers().firstValue("X-Upstream").orElseThrow();
            upstreams.add(previous);
            for (int view = 2; view <= 20; view++) {
                HttpResponse<String> response = site.get("/echo", cookie);
                assertEquals(view, pageView(response), "in order, whichever instance serves it");
                String upstream = response.headers().firstValue("X-Upstream").orElseThrow();
                assertNotEquals(previous, upstream, "round robin: the other instance");
                previous = upstream;
                upstreams.add(upstream);
            }
            assertEquals(Set.of("127.0.0.1:" + site.portA, "127.0.0.1:" + site.portB), upstreams);
            assertEquals("OK", site.get(site.portA, "/healthz", null).body().strip());
        }
    }

    /** Clients that each keep requesting /echo with one cookie until told to stop; returns the counts they saw. */
    private static final class Load {
        final Set<Integer> counts = ConcurrentHashMap.newKeySet();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger cut = new AtomicInteger();
        final Semaphore answers = new Semaphore(0);
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Future<?>> clients = new ArrayList<>();
        final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        Load(Deployment site, String cookie, int clientsCount) {
            for (int c = 0; c < clientsCount; c++) {
                clients.add(threads.submit(() -> {
                    try {
                        while (!stop.get()) {
                            HttpResponse<String> response;
                            try {
                                response = site.get("/echo", cookie);
                            } catch (IOException e) {
                                cut.incrementAndGet();   // a response the dying instance had begun (nginx cannot retry it)
                                answers.release();
                                continue;
                            }
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                            if (response.statusCode() == 200) {
                                assertTrue(counts.add(pageView(response)), "a count seen twice: an update was lost");
                            }
                            answered.incrementAndGet();
                            answers.release();
                        }
                    } catch (Throwable e) {
                        answers.release(Integer.MAX_VALUE / 2);   // wake the test: stopAndCheck reports it
                        throw e;
                    }
                    return null;
                }));
            }
        }

        /** Waits (bounded) until {@code n} more requests were answered. */
        void awaitAnswers(int n) throws Exception {
            if (!answers.tryAcquire(n, BraidBinary.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                stopAndCheck();
                fail("only " + answered.get() + " answers: " + statuses);
            }
            if (clients.stream().anyMatch(Future::isDone)) {
                stopAndCheck();
                fail("a client stopped early: " + statuses);
            }
        }

        void stopAndCheck() throws Exception {
            stop.set(true);
            for (Future<?> client : clients) {
                client.get(60, TimeUnit.SECONDS);   // rethrows a client's failure
            }
            threads.close();
        }

        int count(int status) {
            AtomicInteger n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        int max() {
            return counts.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    @Test
    void killingOneInstanceMidLoadLosesNoSession() throws Exception {
        try (Deployment site = new Deployment("kill")) {
            String cookie = cookieOf(site.get("/echo", null));
            Load load = new Load(site, cookie, 8);
            load.awaitAnswers(300);
            new ProcessBuilder("kill", "-KILL", Long.toString(site.b.pid())).start().waitFor();
            Waiting.forExit(site.b.pid(), BraidBinary.PATIENCE);
            load.awaitAnswers(300);
            load.stopAndCheck();
            assertEquals(Map.of(200, load.answered.get()), Map.of(200, load.count(200)),
                    "nginx retried what the dead instance dropped: " + load.statuses);
            assertTrue(load.cut.get() <= 8, "at most the requests in flight at the kill were cut: " + load.cut);
            HttpResponse<String> next = site.get("/echo", cookie);
            assertEquals("127.0.0.1:" + site.portA, next.headers().firstValue("X-Upstream").orElseThrow());
            int count = pageView(next);
            assertEquals(load.max() + 1, count, "the survivor continues the count");
            assertTrue(count >= load.answered.get() + 2, "no increment lost: " + count + " after " + load.answered.get());
            assertTrue(count <= load.answered.get() + 2 + 8, "at most one extra per client (a request cut by the kill "
                    + "and retried): " + count + " after " + load.answered.get());
        }
    }

    @Test
    void redisRestartedMidLoad() throws Exception {
        try (Deployment site = new Deployment("restart")) {
            String cookie = cookieOf(site.get("/echo", null));
            Load load = new Load(site, cookie, 8);
            load.awaitAnswers(200);
            redis.stop();
            load.awaitAnswers(200);
            assertEquals("hello", site.get("/hello", null).body(), "pages without a session keep working");
            redis.start();
            site.a.await("is reachable again");
            site.b.await("is reachable again");
            load.awaitAnswers(200);
            load.stopAndCheck();
            assertTrue(load.count(503) > 0, "the outage showed: " + load.statuses);
            assertEquals(0, load.cut.get(), "no response cut");
            assertEquals(load.answered.get(), load.count(200) + load.count(503), "only 200 and 503: " + load.statuses);
            int count = pageView(site.get("/echo", cookie));
            assertEquals(load.max() + 1, count, "the count continues after the outage");
            assertTrue(count >= load.count(200) + 2, "the session survived the restart: " + count);
            for (ForegroundBraid braid : List.of(site.a, site.b)) {
                String log = braid.output();
                assertEquals(1, log.lines().filter(line -> line.contains("is unreachable")).count(), log);
                assertEquals(1, log.lines().filter(line -> line.contains("is reachable again")).count(), log);
                assertTrue(log.lines().noneMatch(line -> line.contains("Processing failed")), log);
            }
        }
    }

    @Test
    void anIdleSessionExpiresOnBothInstances() throws Exception {
        try (Deployment site = new Deployment("expiry", "--session-timeout", "2");
             RedisClient client = RedisClient.create(redis.uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            HttpResponse<String> first = site.get("/logme", null);   // /logme: its own site, which logs each expiry
            String cookie = cookieOf(first);
            String uid = cookie.substring(cookie.indexOf('=') + 1);
            site.get("/logme", cookie);
            assertTrue(site.get("/logme", cookie).headers().firstValue("Set-Cookie").isEmpty());
            assertEquals(1, connection.sync().exists("braid:session:" + uid));
            site.a.await("Session " + uid + " has expired\\.");
            site.b.await("Session " + uid + " has expired\\.");
            assertEquals(0, connection.sync().exists("braid:session:" + uid), "gone from Redis");
            for (int port : List.of(site.portA, site.portB)) {
                HttpResponse<String> again = site.get(port, "/logme", cookie);
                assertNotEquals(cookie, cookieOf(again), "a new session on each instance");
            }
        }
    }
}
