package dev.braid.app.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.endpoint.EndpointParser;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stopping the web server: the port closes at once, requests in flight finish
 * within the grace period, those still running after it are cut and counted.
 */
@Timeout(120)
class GracefulStopTest {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> log = new CopyOnWriteArrayList<>();
    // Held here: JUL keeps loggers only weakly, and a logger collected before Log's first use would
    // come back without this test's handler.
    private final Logger legacy = Logger.getLogger(Log.LEGACY_LOGGER);
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        LogConfig.configureRuntime();   // reads logging-test.properties now, not at the first server's start
        legacy.addHandler(capture);
    }

    @AfterEach
    void releaseCapture() {
        legacy.removeHandler(capture);
        release.countDown();
    }

    /** A page that starts, says so, and finishes only when the test releases it. */
    private HttpRouting.Builder routing() {
        Resource root = new Resource();
        root.putChild("slow", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                started.countDown();
                Thread.ofVirtual().start(() -> {
                    try {
                        release.await();
                        request.write("finished");
                        request.finish();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IllegalStateException cutBefore) {
                        // the server cut the request before the test released it
                    }
                });
                return NOT_DONE_YET;
            }
        });
        return HttpRouting.builder().register(Site.builder(root).accessLog(null).build());
    }

    private static WebServerService service(HttpRouting.Builder routing, Duration grace) {
        return new WebServerService(List.of(EndpointParser.parse("tcp:0:interface=127.0.0.1", Path.of("/"))), routing,
                "Site", grace);
    }

    /** Asks for the slow page without waiting for it. */
    private CompletableFuture<HttpResponse<String>> slowRequest(int port, HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).build().sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStarted() {
        try {
            assertTrue(started.await(30, TimeUnit.SECONDS), "the slow page never started");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks for another page until the answer is the stopping server's 503 (bounded): the drain has begun. */
    private static HttpResponse<String> awaitRefusal(int port) {
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/other")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 503) {
                    return response;
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            assertTrue(System.nanoTime() < deadline, "no 503 within 30 s of stopping");
        }
    }

    private static boolean refused(int port) {
        try (Socket _ = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            throw new UncheckedIOException(other);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aRequestInFlightFinishesWhileNewOnesAreRefused(HttpClient.Version version) throws Exception {
        WebServerService web = service(routing(), WebServerService.DEFAULT_GRACE);
        int[] port = new int[1];
        HttpResponse<String> response = EventLoop.react(loop -> {
            web.privilegedStartService();
            web.startService();
            port[0] = web.boundPorts().getFirst();
            CompletableFuture<HttpResponse<String>> pending = slowRequest(port[0], version);
            awaitStarted();
            Deferred<?> stopped = web.stopService();
            HttpResponse<String> refusal = awaitRefusal(port[0]);
            assertEquals("The server is shutting down.\n", refusal.body());
            assertEquals("close", refusal.headers().firstValue("Connection").orElse(""));
            release.countDown();   // the request in flight finishes within the grace period
            return stopped.addCallback(ignored -> pending.join());
        });
        assertEquals(200, response.statusCode(), version.toString());
        assertEquals("finished", response.body());
        assertTrue(refused(port[0]), "the port is closed once the server stopped");
        assertFalse(log.stream().anyMatch(line -> line.contains("were cut")), log.toString());
        assertTrue(log.contains("(TCP Port " + port[0] + " Closed)"), log.toString());
    }

    @Test
    void requestsStillRunningAfterTheGracePeriodAreCutAndCounted() throws Exception {
        WebServerService web = service(routing(), Duration.ofMillis(200));
        CompletableFuture<HttpResponse<String>> pending = EventLoop.react(loop -> {
            web.privilegedStartService();
            web.startService();
            CompletableFuture<HttpResponse<String>> request = slowRequest(web.boundPorts().getFirst(),
                    HttpClient.Version.HTTP_1_1);
            awaitStarted();
            return web.stopService().addCallback(ignored -> request);
        });
        try {
            HttpResponse<String> answered = pending.get(30, TimeUnit.SECONDS);
            assertEquals(503, answered.statusCode(), "a request cut before it answered may still get its 503");
        } catch (ExecutionException lost) {
            assertTrue(lost.getCause() instanceof IOException, "or the connection ends: " + lost);
        }
        assertTrue(log.contains("1 request still running after the grace period of 0.2 s were cut"), log.toString());
    }

    @Test
    void aPortInUseIsOneLineWithTheSystemsReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WebServerService web = new WebServerService(List.of(EndpointParser.parse("tcp:" + taken.getLocalPort()
                    + ":interface=127.0.0.1", Path.of("/"))), routing(), "Site");
            UncheckedIOException failed = assertThrows(UncheckedIOException.class, web::privilegedStartService);
            assertEquals("Couldn't listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                    failed.getCause().getMessage());
        }
    }
}
