package dev.braid.tcp.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.tcp.ClientFactory;
import dev.braid.tcp.ListeningPort;
import dev.braid.tcp.ServerFactory;
import dev.braid.tcp.Tcp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Protocols written as flows, over real loopback sockets. */
class FlowProtocolTest {
    /** The tutorial's echoServer: yield conn; for data in conn: conn.write(data). */
    private static final FlowBody ECHO_SERVER = (conn, out) -> {
        for (byte[] data : out.each(conn.incoming())) {
            conn.write(data);
        }
    };

    @Test
    void theTutorialsEchoServerAndClient() throws Exception {
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(FlowProtocol.make(ECHO_SERVER)), "127.0.0.1");
        CompletableFuture<String> said = new CompletableFuture<>();
        // echoClient: conn.write("hello, world!"); yield conn; print "server said: ", conn.next()
        Tcp.connectTCP("127.0.0.1", port.port(), new ClientFactory(FlowProtocol.make((conn, out) -> {
            conn.write("hello, world!");
            byte[] reply = out.each(conn.incoming()).iterator().next();
            said.complete("server said: " + new String(reply, StandardCharsets.UTF_8));
        })), 10);
        assertEquals("server said: hello, world!", said.get(20, TimeUnit.SECONDS));
        port.stopListening();
    }

    @Test
    void aMegabyteEchoesIntactThroughASlowBody() throws Exception {
        // The body gives the loop back after every chunk: reading pauses and resumes, nothing is lost.
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(FlowProtocol.make((conn, out) -> {
            for (byte[] data : out.each(conn.incoming())) {
                conn.write(data);
                out.cooperate();
            }
        })), "127.0.0.1");
        byte[] sent = new byte[1024 * 1024];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31 + i / 977);
        }
        try (Socket client = new Socket("127.0.0.1", port.port())) {
            client.setSoTimeout(30_000);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = client.getOutputStream();
                    for (int at = 0; at < sent.length; at += 8192) {
                        out.write(sent, at, Math.min(8192, sent.length - at));
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] echoed = client.getInputStream().readNBytes(sent.length);
            writer.join();
            assertArrayEquals(sent, echoed);
        }
        port.stopListening();
    }

    @Test
    void aClientThatClosesEndsTheFlowAndTheBodySeesEverything() throws Exception {
        AtomicLong total = new AtomicLong();
        CompletableFuture<Long> ended = new CompletableFuture<>();
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(FlowProtocol.make((conn, out) -> {
            out.cooperate(0.3); // slower than the client: everything is buffered, and its FIN has arrived
            for (byte[] data : out.each(conn.incoming())) {
                total.addAndGet(data.length);
            }
            ended.complete(total.get());
        })), "127.0.0.1");
        try (Socket client = new Socket("127.0.0.1", port.port())) {
            for (int i = 0; i < 50; i++) {
                client.getOutputStream().write(new byte[100]);
            }
        }
        assertEquals(5000L, ended.get(20, TimeUnit.SECONDS));
        port.stopListening();
    }

    @Test
    void aBodyThatThrowsAbortsItsConnectionOnly() throws Exception {
        ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(FlowProtocol.make((conn, out) -> {
            for (byte[] data : out.each(conn.incoming())) {
                if (new String(data, StandardCharsets.US_ASCII).contains("boom")) {
                    throw new IllegalStateException("bad input: boom");
                }
                conn.write(data);
            }
        })), "127.0.0.1");
        try (Socket bad = new Socket("127.0.0.1", port.port()); Socket good = new Socket("127.0.0.1", port.port())) {
            bad.setSoTimeout(20_000);
            good.setSoTimeout(20_000);
            bad.getOutputStream().write("boom".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readUntilClosed(bad.getInputStream()).length == 0, "nothing echoed, connection closed");
            good.getOutputStream().write("fine".getBytes(StandardCharsets.US_ASCII));
            assertEquals("fine", new String(good.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
        }
        port.stopListening();
    }

    private static byte[] readUntilClosed(InputStream in) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            in.transferTo(got);
        } catch (java.io.IOException reset) {
            // an aborted connection is a reset
        }
        return got.toByteArray();
    }
}
