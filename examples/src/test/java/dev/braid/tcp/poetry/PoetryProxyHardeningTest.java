package dev.braid.tcp.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;
import dev.braid.tcp.ListeningPort;
import dev.braid.tcp.Tcp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The caching proxy in front of a hostile upstream that sends a 300 MB "poem". */
@Timeout(120)
class PoetryProxyHardeningTest {
    private static final long HUGE = 300L * 1024 * 1024;

    /** An upstream that writes {@code HUGE} bytes per connection, counting what it managed to send. */
    private static Thread hugePoems(ServerSocket upstream, AtomicLong written, int connections) {
        return Thread.ofVirtual().start(() -> {
            byte[] verse = new byte[64 * 1024];
            Arrays.fill(verse, (byte) 'a');
            for (int i = 0; i < connections; i++) {
                try (Socket fetch = upstream.accept(); OutputStream out = fetch.getOutputStream()) {
                    for (long sent = 0; sent < HUGE; sent += verse.length) {
                        out.write(verse);
                        written.addAndGet(verse.length);
                    }
                } catch (IOException cutOff) {
                    // the proxy aborted the fetch
                }
            }
        });
    }

    private static Failure awaitFailure(Deferred<?> d) throws Exception {
        CompletableFuture<Failure> failure = new CompletableFuture<>();
        d.addCallbacks(v -> failure.completeExceptionally(new AssertionError("succeeded")), failure::complete);
        return failure.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aPoemOverTheCapIsCutOffNeverCachedAndTheClientsAreDisconnected() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            AtomicLong written = new AtomicLong();
            Thread writer = hugePoems(upstream, written, 2);
            PoetryProxyService proxy = new PoetryProxyService("127.0.0.1", upstream.getLocalPort(), 3600,
                    new Clock(), 64 * 1024);
            ListeningPort port = Tcp.listenTCP(0, proxy.factory(), "127.0.0.1");
            try (Socket client = new Socket("127.0.0.1", port.port())) {
                client.setSoTimeout(60_000);
                try (InputStream in = client.getInputStream()) {
                    assertEquals(-1, in.read(), "the client is disconnected without a poem");
                }
            }
            assertEquals(1, proxy.upstreamFetches());
            Failure second = awaitFailure(proxy.getPoem());
            assertInstanceOf(PoetryClient.PoemTooLargeError.class, second.value());
            assertEquals(2, proxy.upstreamFetches(), "nothing was cached: the next client fetched again");
            writer.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(written.get() < HUGE, "the upstream was cut off after " + written.get() + " bytes");
            port.stopListening();
        }
    }

    @Test
    void theCapAppliesToTheClientOnlyWhenAsked() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (Socket fetch = upstream.accept(); OutputStream out = fetch.getOutputStream()) {
                    out.write(new byte[100]);
                } catch (IOException ignored) {
                    // the test failed elsewhere
                }
            });
            Failure tooLong = awaitFailure(PoetryClient.getPoetryBytes("127.0.0.1", upstream.getLocalPort(), 30, 99));
            assertInstanceOf(PoetryClient.PoemTooLargeError.class, tooLong.value());
        }
    }
}
