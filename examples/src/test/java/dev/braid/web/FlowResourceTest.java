package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.flow.Flow;
import dev.braid.deferred.flow.PushStage;
import dev.braid.deferred.flow.Stage;
import dev.braid.deferred.flow.Step;
import dev.braid.web.flow.FlowResource;
import io.helidon.webserver.WebServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * FlowResource over real HTTP: values are streamed as the flow yields them,
 * two clients progress independently, a client that leaves closes its flow,
 * a failing flow gives the error page, and the demo's random-number page.
 */
class FlowResourceTest {
    /** The push stage of each request to /pushed?name=X, for the test to feed. */
    private static final Map<String, PushStage<String>> FEEDS = new ConcurrentHashMap<>();
    private static final BlockingQueue<String> OPENED = new LinkedBlockingQueue<>();
    private static final CountDownLatch CLOSED = new CountDownLatch(1);
    private static WebServer server;
    private static DemoFixture demo;

    @BeforeAll
    static void start() throws Exception {
        Resource root = new Resource();
        root.putChild("pushed", new FlowResource(request -> {
            String name = request.arg("name").orElseThrow(() -> new IllegalArgumentException("name is required"));
            PushStage<String> feed = Flow.push();
            FEEDS.put(name, feed);
            OPENED.add(name);
            return feed;
        }, "text/plain; charset=utf-8"));
        root.putChild("watched", new FlowResource(request -> {
            PushStage<String> feed = Flow.push();
            feed.push("first\n");
            OPENED.add("watched");
            return new Stage<String>() {
                @Override
                public Step<String> pull() {
                    return feed.pull();
                }

                @Override
                public void close() {
                    feed.close();
                    CLOSED.countDown();
                }
            };
        }));
        root.putChild("failing", new FlowResource(request -> Flow.generate(out -> {
            throw new IllegalStateException("the flow broke");
        })));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.create(root))).build().start();
        demo = new DemoFixture();
    }

    @AfterAll
    static void stop() {
        server.stop();
        demo.close();
    }

    @Test
    void twoClientsLoadingAtOnceBothProgress() throws Exception {
        try (RawHttp a = new RawHttp(server.port()); RawHttp b = new RawHttp(server.port())) {
            a.send("GET /pushed?name=a HTTP/1.1\r\nHost: x\r\n\r\n");
            b.send("GET /pushed?name=b HTTP/1.1\r\nHost: x\r\n\r\n");
            awaitOpened("a", "b");
            FEEDS.get("a").push("a1 ");
            RawHttp.Response headA = a.readHeadOnly();
            assertEquals(200, headA.status());
            assertEquals("text/plain; charset=utf-8", headA.header("Content-Type"));
            assertEquals("a1 ", a.readChunk());
            FEEDS.get("b").push("b1 ");
            assertEquals(200, b.readHeadOnly().status());
            assertEquals("b1 ", b.readChunk(), "b streams while a is still open");
            FEEDS.get("a").push("a2 ");
            assertEquals("a2 ", a.readChunk());
            FEEDS.get("b").finish();
            assertNull(b.readChunk(), "b ended while a is still open");
            FEEDS.get("a").finish();
            assertNull(a.readChunk());
        }
    }

    @Test
    void aClientThatLeavesClosesItsFlow() throws Exception {
        RawHttp client = new RawHttp(server.port());
        client.send("GET /watched HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, client.readHeadOnly().status());
        assertEquals("first\n", client.readChunk());
        client.socket().setSoLinger(true, 0);
        client.close();
        assertTrue(CLOSED.await(20, TimeUnit.SECONDS), "the flow was closed when the client went away");
    }

    @Test
    void aFailingFlowGivesTheErrorPage() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.get("/failing");
            assertEquals(500, response.status());
            assertTrue(response.body().contains("Processing Failed"), response.body()); // no tracebacks by default
        }
    }

    @Test
    void badArgumentsAre400WithTheMessage() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.get("/pushed");
            assertEquals(400, response.status());
            assertTrue(response.body().contains("name is required"), response.body());
        }
        for (String count : new String[] {"x", "-1", "10001", "%3Cb%3E"}) {
            HttpResponse<String> response = demo.get("/flow?count=" + count);
            assertEquals(400, response.statusCode(), count);
            assertTrue(response.body().contains("count must be"), response.body());
            assertTrue(!response.body().contains("<b>"), "escaped");
        }
    }

    @Test
    void theDemoPageStreamsTheRandomNumbers() throws Exception {
        HttpResponse<String> response = demo.get("/flow?count=5");
        assertEquals(200, response.statusCode());
        // five numbers in [0, 1); a small one prints in scientific notation (3.2E-4), so count the items
        assertEquals(5, response.body().split("<li>", -1).length - 1, response.body());
        assertTrue(response.body().startsWith("<html><body><h1>5 random numbers</h1>"), response.body());
        assertTrue(response.body().endsWith("</ol></body></html>\n"), response.body());
        assertEquals(0, demo.get("/flow?count=0").body().split("<li>", -1).length - 1);
    }

    private static void awaitOpened(String... names) throws InterruptedException {
        java.util.Set<String> waiting = new java.util.HashSet<>(java.util.List.of(names));
        while (!waiting.isEmpty()) {
            String name = OPENED.poll(20, TimeUnit.SECONDS);
            assertTrue(name != null, "requests did not arrive: " + waiting);
            waiting.remove(name);
        }
    }
}
