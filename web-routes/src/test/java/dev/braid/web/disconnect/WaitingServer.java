package dev.braid.web.disconnect;

import dev.braid.web.disconnect.DisconnectDetector.Gone;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Helidon server on 127.0.0.1 whose {@code /wait/ID} handler watches its
 * request, says it arrived, and then blocks, as an idle Braid request does,
 * until the test releases it or the watcher reports the client gone. It then
 * reads the body (if any) and answers {@code ID:BODY}. Nothing here ever sleeps.
 */
final class WaitingServer implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final DisconnectDetector detector;
    private final WebServer server;
    private final Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> wakes = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> goneLatches = new ConcurrentHashMap<>();
    private final Map<String, Gone> gone = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> ended = new ConcurrentHashMap<>();

    WaitingServer(DisconnectDetector detector) {
        this.detector = detector;
        this.server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.any("/wait/{id}", this::waitThenAnswer))
                .build().start();
    }

    int port() {
        return server.port();
    }

    private void waitThenAnswer(ServerRequest request, ServerResponse response) throws InterruptedException {
        String id = request.path().pathParameters().get("id");
        CountDownLatch goneLatch = latch(goneLatches, id);
        CountDownLatch wake = latch(wakes, id);
        try (DisconnectDetector.Watch _ = detector.watch(request, reason -> {
            gone.put(id, reason);
            goneLatch.countDown();
            wake.countDown();
        })) {
            latch(arrived, id).countDown();
            wake.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            latch(ended, id).countDown();
        }
        if (goneLatch.getCount() == 0) {
            // as Braid's Site does: end quietly, Helidon closes the connection
            throw new ServerConnectionException("client went away", new IOException(gone.get(id).toString()));
        }
        String body = request.content().hasEntity() ? request.content().as(String.class) : "";
        response.send((id + ":" + body).getBytes(StandardCharsets.US_ASCII));
    }

    private static CountDownLatch latch(Map<String, CountDownLatch> latches, String id) {
        return latches.computeIfAbsent(id, ignored -> new CountDownLatch(1));
    }

    /** Waits until request {@code id} is being watched and blocked. */
    void awaitArrived(String id) throws InterruptedException {
        if (!latch(arrived, id).await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("request " + id + " never arrived");
        }
    }

    /** Lets request {@code id} answer. */
    void release(String id) {
        latch(wakes, id).countDown();
    }

    /** Waits until the request {@code id} ended (its watch closed). */
    void awaitEnded(String id) throws InterruptedException {
        if (!latch(ended, id).await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("request " + id + " never ended");
        }
    }

    /** Waits for the report on request {@code id}, failing after a generous bound. */
    Gone awaitGone(String id) throws InterruptedException {
        if (!latch(goneLatches, id).await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("request " + id + " was never reported gone");
        }
        return gone.get(id);
    }

    /** The report on request {@code id} so far. */
    Optional<Gone> goneSoFar(String id) {
        return Optional.ofNullable(gone.get(id));
    }

    @Override
    public void close() {
        for (CountDownLatch latch : wakes.values()) {
            latch.countDown();
        }
        server.stop();
    }
}
