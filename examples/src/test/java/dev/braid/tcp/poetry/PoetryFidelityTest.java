package dev.braid.tcp.poetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.service.MultiService;
import dev.braid.tcp.ListeningPort;
import dev.braid.tcp.TCPServer;
import dev.braid.tcp.Tcp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the poetry programs must behave as Twisted's do, byte for byte: poems
 * are bytes, pipelined requests are all answered, a failing upstream is one
 * log line, and byte counts count bytes. The expected replies were checked
 * against the tutorial's Twisted servers (22.4).
 */
@Timeout(120)
class PoetryFidelityTest {
    /** "Café" and "naïve" in Latin-1: not valid UTF-8. */
    static final byte[] LATIN1_POEM = "A Café Poem\nNAÏVE lines\n".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    private static int start(MultiService tree, int index) {
        tree.privilegedStartService();
        tree.startService();
        return tree.services().stream().filter(TCPServer.class::isInstance).map(TCPServer.class::cast)
                .toList().get(index).listeningPort().orElseThrow().port();
    }

    /** Writes {@code request} in one write and reads everything until the server closes. */
    static byte[] exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            return socket.getInputStream().readAllBytes();
        }
    }

    private static byte[] netstring(String prefix, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(((head.length + payload.length) + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(head);
        out.writeBytes(payload);
        out.write(',');
        return out.toByteArray();
    }

    private static byte[] lower(byte[] latin1) {
        return new String(latin1, StandardCharsets.ISO_8859_1).replace("A C", "a c").replace("P", "p")
                .replace("NA", "na").replace("VE", "ve").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLatinOnePoemComesBackFromTheTransformServerByteForByte() throws Exception {
        MultiService server = PoetryServices.transform(0, 0, "127.0.0.1");
        int netstrings = start(server, 0);
        int lines = start(server, 1);
        byte[] expected = lower(LATIN1_POEM);   // only the ASCII letters change, as Python's bytes.lower()
        assertArrayEquals(netstring("", expected), exchange(netstrings, netstring("cummingsify.", LATIN1_POEM)));

        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("cummingsify\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(LATIN1_POEM);
        request.writeBytes(".\n".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = exchange(lines, request.toByteArray());
        ByteArrayOutputStream wanted = new ByteArrayOutputStream();
        wanted.writeBytes(expected);
        wanted.writeBytes(".\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(wanted.toByteArray(), reply);

        TransformProxy proxy = new TransformProxy("127.0.0.1", netstrings);
        assertArrayEquals(expected, proxy.xform("cummingsify", LATIN1_POEM).toCompletableFuture().get(30, TimeUnit.SECONDS));
        server.stopService().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoNetstringsInOneWriteAreBothAnsweredBeforeTheClose() throws Exception {
        MultiService server = PoetryServices.transform(0, -1, "127.0.0.1");
        int port = start(server, 0);
        // What Twisted's transform server answers (checked with the tutorial's server on Twisted 22.4).
        assertEquals("4:poem,5:poem2,", new String(exchange(port,
                "16:cummingsify.POEM,17:cummingsify.POEM2,".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII));
        assertEquals("4:POEM,", new String(exchange(port,
                "10:shout.poem,7:nothing,".getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII),
                "the second request has no '.': no reply to it, and the connection still closes");
        server.stopService().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theProxyServesTheUpstreamsBytesUnchanged() throws Exception {
        Path poem = Files.write(dir.resolve("latin1.txt"), LATIN1_POEM);
        MultiService upstream = PoetryServices.fastPoetry(0, "127.0.0.1", poem);
        int upstreamPort = start(upstream, 0);
        PoetryProxyService proxy = new PoetryProxyService("127.0.0.1", upstreamPort, 60, new dev.braid.deferred.Clock());
        ListeningPort proxyPort = Tcp.listenTCP(0, proxy.factory(), "127.0.0.1");
        assertArrayEquals(LATIN1_POEM, exchange(proxyPort.port(), new byte[0]));
        assertArrayEquals(LATIN1_POEM, exchange(proxyPort.port(), new byte[0]), "from the cache");
        proxyPort.stopListening();
        upstream.stopService().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRefusingUpstreamIsOneLogLinePerFailedFetchNotATracebackPerClient() throws Exception {
        int refusing;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusing = probe.getLocalPort();
        }
        PoetryProxyService proxy = new PoetryProxyService("127.0.0.1", refusing, 60, new dev.braid.deferred.Clock());
        ListeningPort proxyPort = Tcp.listenTCP(0, proxy.factory(), "127.0.0.1");
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Log.LEGACY_LOGGER);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + (record.getThrown() == null ? "" : " + a traceback"));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
        try {
            List<Deferred<String>> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                clients.add(PoetryClient.getPoetry("127.0.0.1", proxyPort.port(), 30));
            }
            List<String> poems = Deferreds.gatherResults(clients).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertTrue(poems.stream().allMatch(String::isEmpty), "each client's connection is just closed");
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parents);
            proxyPort.stopListening();
        }
        int fetches = proxy.upstreamFetches();
        List<String> failures = logged.stream().filter(line -> line.startsWith("Failed to fetch")).toList();
        assertEquals(fetches, failures.size(), String.join("\n", logged));
        assertEquals(2 * fetches, logged.size(), "a 'Fetching' and a 'Failed' line per fetch:\n" + String.join("\n", logged));
        assertTrue(failures.getFirst().matches("Failed to fetch poem from server 127\\.0\\.0\\.1:" + refusing
                + ": ConnectionRefusedError: .*"), failures.getFirst());
        assertTrue(fetches >= 1 && fetches <= 50, "clients arriving together share a fetch: " + fetches);
    }

    @Test
    void getPoetryCountsTheBytesTheServerSentNotCharacters() throws Exception {
        String text = "Ein Gedicht über Bäume\n";
        Path poem = Files.writeString(dir.resolve("poem.txt"), text);
        MultiService server = PoetryServices.fastPoetry(0, "127.0.0.1", poem);
        int port = start(server, 0);
        List<MultiPoetryClient.Outcome> outcomes = EventLoop.react(loop -> MultiPoetryClient.getPoems(
                List.of(new MultiPoetryClient.Server("127.0.0.1", port)), 30, UnaryOperator.identity(), o -> { }));
        assertEquals(text, outcomes.getFirst().poem());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, outcomes.getFirst().bytes());
        assertEquals(25, outcomes.getFirst().bytes(), "23 characters, two of them two bytes long");
        server.stopService().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheTransformsThatExistAreNamed() {
        assertEquals(List.of("cummingsify", "reverse", "shout"), List.copyOf(new TransformService().names()));
        byte[] poem = "one\ntwo\nthree\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("three\ntwo\none\n", new String(new TransformService().xform("reverse", poem).orElseThrow(),
                StandardCharsets.US_ASCII));
        assertTrue(new TransformService().xform("upper", poem).isEmpty());
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
