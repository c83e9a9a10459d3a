package dev.braid.tcp.poetry;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.tcp.ClientFactory;
import dev.braid.tcp.Connector;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.Tcp;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The poetry client of the tutorial (client 3.0 onwards): {@link #getPoetry}
 * returns a Deferred that fires with the whole poem once the server closes
 * the connection cleanly.
 *
 * <ul>
 *   <li>No server: fails with {@code ConnectionRefusedError}.</li>
 *   <li>No complete poem within {@code timeoutSeconds} (connecting included):
 *       the connection is closed and it fails with {@link PoemTimeoutError}.</li>
 *   <li>The connection reset mid-poem (an aborted delivery): fails with
 *       {@code ConnectionLost} — the only way the poetry protocol, which has no
 *       length, can tell.</li>
 *   <li>With a size cap, a poem longer than the cap: the connection is
 *       aborted as soon as the cap is passed and it fails with
 *       {@link PoemTooLargeError}, so a hostile server cannot fill the memory.</li>
 * </ul>
 *
 * <pre>{@code
 * PoetryClient.getPoetry("127.0.0.1", 10000, 30)
 *     .addCallback(poem -> { System.out.println(poem); return null; });
 * }</pre>
 */
public final class PoetryClient {
    private PoetryClient() {
    }

    /** The poem did not arrive in time. */
    public static final class PoemTimeoutError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PoemTimeoutError(String message) {
            super(message);
        }
    }

    /** The poem was longer than the caller's cap. */
    public static final class PoemTooLargeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PoemTooLargeError(String message) {
            super(message);
        }
    }

    /**
     * Downloads a poem and decodes it as UTF-8 (bytes that are not UTF-8
     * become U+FFFD), as the tutorial's later clients do.
     *
     * @param host the server
     * @param port its port
     * @param timeoutSeconds how long the whole download may take
     * @return a Deferred of the poem
     */
    public static Deferred<String> getPoetry(String host, int port, double timeoutSeconds) {
        return download(host, port, timeoutSeconds, Long.MAX_VALUE, bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Downloads a poem as the bytes the server sent (the tutorial's
     * {@code get_poetry}, which returns bytes).
     *
     * @param host the server
     * @param port its port
     * @param timeoutSeconds how long the whole download may take
     * @return a Deferred of the poem's bytes
     */
    public static Deferred<byte[]> getPoetryBytes(String host, int port, double timeoutSeconds) {
        return getPoetryBytes(host, port, timeoutSeconds, Long.MAX_VALUE);
    }

    /**
     * Downloads a poem of at most {@code maxBytes}, as the bytes the server sent.
     *
     * @param host the server
     * @param port its port
     * @param timeoutSeconds how long the whole download may take
     * @param maxBytes the longest poem accepted, in bytes
     * @return a Deferred of the poem's bytes; fails with {@link PoemTooLargeError} past the cap
     */
    public static Deferred<byte[]> getPoetryBytes(String host, int port, double timeoutSeconds, long maxBytes) {
        return download(host, port, timeoutSeconds, maxBytes, Function.identity());
    }

    /** Downloads; the Deferred fires with the poem as {@code poemOf} makes it, its final value from the start. */
    private static <T> Deferred<T> download(String host, int port, double timeoutSeconds, long maxBytes,
                                            Function<byte[], T> poemOf) {
        Deferred<T> poem = new Deferred<>();
        PoetryClientFactory<T> factory = new PoetryClientFactory<>(poem, maxBytes, poemOf);
        Connector connector = Tcp.connectTCP(host, port, factory, timeoutSeconds);
        Thread.ofVirtual().name("poem-timeout-" + host + ":" + port).start(() -> {
            try {
                if (!factory.done.await((long) (timeoutSeconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    factory.timedOut(host + ":" + port, timeoutSeconds);
                    connector.disconnect();
                }
            } catch (InterruptedException ignored) {
                // nothing to time out any more
            }
        });
        return poem;
    }

    /** Collects the poem; the first outcome wins, later ones are dropped. */
    static final class PoetryClientFactory<T> extends ClientFactory {
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private final Deferred<T> poem;
        private final long maxBytes;
        private final Function<byte[], T> poemOf;
        private final java.util.concurrent.atomic.AtomicBoolean settled = new java.util.concurrent.atomic.AtomicBoolean();

        PoetryClientFactory(Deferred<T> poem, long maxBytes, Function<byte[], T> poemOf) {
            this.poem = poem;
            this.maxBytes = maxBytes;
            this.poemOf = poemOf;
        }

        @Override
        public Protocol buildProtocol(InetSocketAddress address) {
            PoetryProtocol protocol = new PoetryProtocol(this);
            protocol.setFactory(this);
            return protocol;
        }

        void finished(byte[] bytes) {
            if (settled.compareAndSet(false, true)) {
                done.countDown();
                poem.callback(poemOf.apply(bytes));
            }
        }

        void failed(Failure reason) {
            if (settled.compareAndSet(false, true)) {
                done.countDown();
                poem.errback(reason);
            }
        }

        void timedOut(String where, double seconds) {
            failed(new Failure(new PoemTimeoutError("no poem from " + where + " within " + seconds + " s")));
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            failed(reason);
        }
    }

    /** Receives bytes until the server closes. */
    static final class PoetryProtocol extends Protocol {
        private final PoetryClientFactory<?> factory;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        PoetryProtocol(PoetryClientFactory<?> factory) {
            this.factory = factory;
        }

        @Override
        public void dataReceived(byte[] data) {
            if (received.size() + (long) data.length > factory.maxBytes) {
                factory.failed(new Failure(new PoemTooLargeError("the poem is longer than " + factory.maxBytes
                        + " bytes")));
                received.reset();
                transport().abortConnection();
                return;
            }
            received.writeBytes(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            if (reason.check(ConnectionDone.class).isPresent()) {
                factory.finished(received.toByteArray());
            } else {
                factory.failed(reason);
            }
        }
    }
}
