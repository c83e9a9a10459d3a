package dev.braid.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.deferred.error.ConnectionLost;
import dev.braid.deferred.error.ConnectionRefusedError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Protocols, transports, ports and connectors over real loopback sockets. */
class ProtocolTest {
    /** Echoes, and reports which thread ran it and how it ended. */
    static final class Echo extends Protocol {
        static final CompletableFuture<Failure> LOST = new CompletableFuture<>();
        static final CompletableFuture<Boolean> ON_LOOP = new CompletableFuture<>();

        @Override
        public void dataReceived(byte[] data) {
            ON_LOOP.complete(transport().loop().inLoopThread());
            transport().write(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            LOST.complete(reason);
        }
    }

    @Test
    void echoOnTheConnectionsLoopAndACleanClose() throws Exception {
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(Echo::new), "127.0.0.1");
        assertTrue(port.port() > 0);
        try (Socket client = new Socket("127.0.0.1", port.port())) {
            client.getOutputStream().write("hello".getBytes());
            assertArrayEquals("hello".getBytes(), client.getInputStream().readNBytes(5));
            client.shutdownOutput();
            assertInstanceOf(ConnectionDone.class, Echo.LOST.get(10, TimeUnit.SECONDS).value());
            assertTrue(Echo.ON_LOOP.get(10, TimeUnit.SECONDS));
        }
        port.stopListening().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static final byte[] LATE = "written after loseConnection, in the same event".getBytes();

    @Test
    void loseConnectionFlushesEverythingFirst() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        Arrays.fill(big, (byte) 'p');
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                for (int i = 0; i < big.length; i += 65536) {
                    transport().write(Arrays.copyOfRange(big, i, Math.min(big.length, i + 65536)));
                }
                transport().loseConnection();
                transport().write(LATE); // as in Twisted, still sent: the connection closes after the flush
            }
        }), "127.0.0.1");
        try (Socket client = new Socket("127.0.0.1", port.port())) {
            byte[] received = client.getInputStream().readAllBytes();
            assertEquals(big.length + LATE.length, received.length);
            assertEquals(new String(LATE), new String(received, big.length, LATE.length));
        }
        port.stopListening();
    }

    @Test
    void writesToAPeerThatDoesNotReadYetNeverBlockTheLoop() throws Exception {
        // Small writes go out from the loop's thread while the socket buffer surely has room; past
        // that they queue for the writer thread. Either way the loop keeps running events.
        int chunks = 4096;
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'w');
        CountDownLatch loopStillRuns = new CountDownLatch(1);
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                for (int i = 0; i < chunks; i++) {
                    transport().write(chunk);
                }
                transport().loop().callLater(0, loopStillRuns::countDown);
                transport().loseConnection();
            }
        }), "127.0.0.1");
        try (Socket client = new Socket("127.0.0.1", port.port())) {
            client.setReceiveBufferSize(4096);
            client.getOutputStream().write("go".getBytes());
            assertTrue(loopStillRuns.await(10, TimeUnit.SECONDS), "the loop ran an event before the peer read");
            assertEquals(chunks * chunk.length, client.getInputStream().readAllBytes().length);
        }
        port.stopListening();
    }

    @Test
    void abortConnectionDropsQueuedBytesAndResets() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().write(new byte[8 * 1024 * 1024]);
                transport().abortConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }), "127.0.0.1");
        try (Socket client = new Socket("127.0.0.1", port.port())) {
            InputStream in = client.getInputStream();
            long received = 0;
            try {
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    received += n;
                }
            } catch (IOException reset) {
                // expected: connection reset
            }
            assertEquals(0, received, "nothing written in the aborting callback is sent");
        }
        Failure reason = lost.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionLost.class, reason.value());
        port.stopListening();
    }

    @Test
    void aPeerThatDoesNotReadPausesTheProducerAndCannotExhaustMemory() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        long[] queuedWhenPaused = new long[1];
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
            private boolean producing = true;

            @Override
            public void connectionMade() {
                transport().registerProducer(new Producer() {
                    @Override
                    public void pauseProducing() {
                        producing = false;
                        queuedWhenPaused[0] = transport().bufferedBytes();
                        paused.countDown();
                    }

                    @Override
                    public void resumeProducing() {
                        producing = true;
                    }
                });
                byte[] chunk = new byte[16 * 1024];
                while (producing) {
                    transport().write(chunk);   // the peer never reads
                }
                // a producer that ignores the pause still cannot exhaust memory: the hard limit aborts
                // (kernel buffers absorb a few MiB first; 128 MiB is far beyond both)
                for (int i = 0; i < 8192 && !transport().disconnecting(); i++) {
                    transport().write(chunk);
                }
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }), "127.0.0.1");
        try (Socket _ = new Socket("127.0.0.1", port.port())) {
            assertTrue(paused.await(10, TimeUnit.SECONDS));
            assertTrue(queuedWhenPaused[0] > Transport.HIGH_WATER_MARK);
            assertInstanceOf(ConnectionLost.class, lost.get(10, TimeUnit.SECONDS).value());
        }
        port.stopListening();
    }

    @Test
    void connectingToAClosedPortFailsWithConnectionRefused() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        CompletableFuture<Failure> failed = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        Tcp.connectTCP("127.0.0.1", closed, new ClientFactory(Echo::new) {
            @Override
            public void startedConnecting(Connector connector) {
                started.countDown();
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                failed.complete(reason);
            }
        }, 5);
        assertTrue(started.await(1, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionRefusedError.class, failed.get(10, TimeUnit.SECONDS).value());
    }

    @Test
    void aClientProtocolTalksToAServerAndHearsTheEnd() throws Exception {
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(Echo::new), "127.0.0.1");
        CompletableFuture<String> echoed = new CompletableFuture<>();
        CompletableFuture<Failure> lostSeenByFactory = new CompletableFuture<>();
        Tcp.connectTCP("127.0.0.1", port.port(), new ClientFactory(() -> new Protocol() {
            private final ByteArrayOutputStream got = new ByteArrayOutputStream();

            @Override
            public void connectionMade() {
                transport().write("ping".getBytes());
            }

            @Override
            public void dataReceived(byte[] data) {
                got.writeBytes(data);
                if (got.size() == 4) {
                    echoed.complete(got.toString());
                    transport().loseConnection();
                }
            }
        }) {
            @Override
            public void clientConnectionLost(Connector connector, Failure reason) {
                lostSeenByFactory.complete(reason);
            }
        }, 5);
        assertEquals("ping", echoed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionDone.class, lostSeenByFactory.get(10, TimeUnit.SECONDS).value());
        port.stopListening();
    }

    @Test
    void aPortInUseIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> Tcp.listenTCP(taken.getLocalPort(), ServerFactory.forProtocol(Echo::new), "127.0.0.1"));
            assertTrue(e.getMessage().startsWith("Couldn't listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }
}
