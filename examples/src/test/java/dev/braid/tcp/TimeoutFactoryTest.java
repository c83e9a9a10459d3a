package dev.braid.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.service.MultiService;
import dev.braid.tcp.poetry.PoetryServices;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Idle connections are closed: a partial netstring no longer holds the transform server's connection forever. */
@Timeout(60)
class TimeoutFactoryTest {
    private static List<Integer> start(MultiService tree) {
        tree.privilegedStartService();
        tree.startService();
        List<Integer> ports = new ArrayList<>();
        for (var service : tree.services()) {
            if (service instanceof TCPServer server) {
                ports.add(server.listeningPort().orElseThrow().port());
            }
        }
        return ports;
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    @Test
    void aPartialNetstringOrLineIsCutOffAfterTheIdleTimeout() throws Exception {
        MultiService transform = PoetryServices.transform(0, 0, "127.0.0.1", 0.3);
        List<Integer> ports = start(transform);
        for (String partial : new String[] {"50:cummingsify.only part of", "shout\nhalf a poem\n"}) {
            int port = partial.startsWith("50:") ? ports.get(0) : ports.get(1);
            try (Socket socket = connect(port)) {
                socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                try {
                    assertEquals(-1, in.read(), "closed without an answer");
                } catch (java.net.SocketException reset) {
                    // aborted: a reset is a close too
                }
            }
        }
        try (Socket silent = connect(ports.get(0))) {
            try {
                assertEquals(-1, silent.getInputStream().read(), "a silent client is closed too");
            } catch (java.net.SocketException reset) {
                // aborted
            }
        }
        transform.stopService();
    }

    @Test
    void aPromptClientIsAnsweredAsBefore() throws Exception {
        MultiService transform = PoetryServices.transform(0, -1, "127.0.0.1", 5);
        int port = start(transform).getFirst();
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write("10:shout.abcd,".getBytes(StandardCharsets.US_ASCII));
            assertEquals("4:ABCD,", new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        transform.stopService();
    }

    @Test
    void theWrappedProtocolSeesEveryEventAndItsFactoryStartsAndStops() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerFactory echo = new ServerFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                events.add("made");
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("data " + new String(data, StandardCharsets.US_ASCII));
                transport().write(data);
            }

            @Override
            public void connectionLost(dev.braid.deferred.Failure reason) {
                events.add("lost connected=" + connected());
                lost.countDown();
            }
        }) {
            @Override
            public void startFactory() {
                events.add("start");
            }

            @Override
            public void stopFactory() {
                events.add("stop");
            }
        };
        ListeningPort port = Tcp.listenTCP(0, TimeoutFactory.wrap(echo, 0.3), "127.0.0.1");
        try (Socket socket = connect(port.port())) {
            socket.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
            assertEquals('h', socket.getInputStream().read());
            assertTrue(lost.await(20, TimeUnit.SECONDS), "timed out and lost");
        }
        port.stopListening().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("start", "made", "data hi", "lost connected=false", "stop"), events);
        assertThrows(IllegalArgumentException.class, () -> TimeoutFactory.wrap(echo, 0));
    }
}
