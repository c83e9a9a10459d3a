package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Failure;
import dev.braid.deferred.Threads;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.deferred.error.ConnectionLost;
import dev.braid.web.examples.AsyncExamples;
import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long polling, request timeouts and clients that go away while their request is idle. */
class AsyncResponseTest {
    private static final ConcurrentLinkedQueue<Request> WAITING = new ConcurrentLinkedQueue<>();
    private static final CountDownLatch PARKED = new CountDownLatch(1);
    private static final CompletableFuture<Failure> NOTIFIED = new CompletableFuture<>();
    private static final CountDownLatch WORKER_INTERRUPTED = new CountDownLatch(1);
    private static final CountDownLatch WORKER_STARTED = new CountDownLatch(1);
    private static final CountDownLatch INTERRUPTED_SERVING = new CountDownLatch(1);
    private static WebServer server;
    private static WebServer timeoutServer;

    /** Waits for /release, another request, to finish it. */
    static final class Wait extends Resource {
        @Override
        protected Object renderGet(Request request) {
            WAITING.add(request);
            PARKED.countDown();
            return NOT_DONE_YET;
        }
    }

    /** Finishes every waiting request, from this request's loop. */
    static final class Release extends Resource {
        @Override
        protected Object renderGet(Request request) {
            Request waiting;
            int released = 0;
            while ((waiting = WAITING.poll()) != null) {
                waiting.write("released by another request");
                waiting.finish();
                released++;
            }
            return "released " + released;
        }
    }

    /** Watches notifyFinish and keeps a subtask busy until the loop ends. */
    static final class Watched extends Resource {
        @Override
        protected Object renderGet(Request request) {
            request.notifyFinish().addCallbacks(ok -> NOTIFIED.complete(null), NOTIFIED::complete);
            Threads.deferToThread(() -> {
                WORKER_STARTED.countDown();
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    WORKER_INTERRUPTED.countDown();
                    throw e;
                }
                return null;
            });
            return NOT_DONE_YET;
        }
    }

    @BeforeAll
    static void start() {
        Resource root = new Resource();
        root.putChild("wait", new Wait());
        root.putChild("release", new Release());
        root.putChild("watched", new Watched());
        Resource interrupted = new AsyncExamples.InterruptedResource(120);
        root.putChild("interrupted", new Resource() {
            @Override
            protected Object renderGet(Request request) throws Exception {
                Object result = interrupted.render(request);
                INTERRUPTED_SERVING.countDown();
                return result;
            }
        });
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.create(root))).build().start();
        Resource forever = new Resource();
        forever.putChild("wait", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return NOT_DONE_YET;
            }
        });
        timeoutServer = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(forever).requestTimeout(Duration.ofMillis(300)).build()))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        timeoutServer.stop();
    }

    @Test
    void aLongPollIsFinishedByASecondRequest() throws Exception {
        try (RawHttp poller = new RawHttp(server.port()); RawHttp releaser = new RawHttp(server.port())) {
            poller.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(PARKED.await(10, TimeUnit.SECONDS));
            assertEquals("released 1", releaser.get("/release").body());
            RawHttp.Response released = poller.read(false);
            assertEquals(200, released.status());
            assertEquals("released by another request", released.body());
            assertEquals("hello again", poller.get("/release").status() == 200 ? "hello again" : "");
        }
    }

    @Test
    void theRequestTimeoutAnswers503AndLogs() throws Exception {
        try (LogCapture log = LogCapture.of("dev.braid.web"); RawHttp http = new RawHttp(timeoutServer.port())) {
            RawHttp.Response response = http.get("/wait");
            assertEquals(503, response.status());
            assertTrue(response.body().contains("The request timed out."));
            log.await(m -> m.startsWith("Request timed out after PT0.3S: GET /wait"), Duration.ofSeconds(5));
        }
    }

    @Test
    void anIdleClientThatClosesIsNoticedAndItsWorkInterrupted() throws Exception {
        RawHttp http = new RawHttp(server.port());
        http.send("GET /watched HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(WORKER_STARTED.await(10, TimeUnit.SECONDS));
        http.socket().shutdownOutput();   // FIN, while the request waits on its subtask
        Failure reason = NOTIFIED.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionDone.class, reason.value());
        assertEquals("Connection was closed cleanly.", reason.getErrorMessage());
        assertTrue(WORKER_INTERRUPTED.await(10, TimeUnit.SECONDS), "closing the request's scope interrupts its work");
        http.close();
    }

    @Test
    void theInterruptedExampleCancelsAndLogsOnAReset() throws Exception {
        try (LogCapture log = LogCapture.of("-")) {
            RawHttp http = new RawHttp(server.port());
            http.send("GET /interrupted HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(INTERRUPTED_SERVING.await(10, TimeUnit.SECONDS), "the request is waiting on its delayed call");
            java.net.Socket probe = http.socket();
            probe.setSoLinger(true, 0);
            probe.close();   // RST
            String line = log.await(m -> m.startsWith("Async response demo interrupted response"),
                    Duration.ofSeconds(10));
            assertTrue(line.contains(ConnectionLost.class.getName()), line);
        }
    }

    @Test
    void keepAliveClientsThatStayAreNeverReported() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.get("/release").status());
            }
            http.send("GET /release HTTP/1.1\r\nHost: x\r\n\r\nGET /release HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(List.of(200, 200), List.of(http.read(false).status(), http.read(false).status()));
        }
    }
}
