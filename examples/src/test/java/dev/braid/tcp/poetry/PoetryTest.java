package dev.braid.tcp.poetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionRefusedError;
import dev.braid.deferred.service.MultiService;
import dev.braid.tcp.ListeningPort;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.ServerFactory;
import dev.braid.tcp.TCPServer;
import dev.braid.tcp.Tcp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial's poetry programs over real loopback sockets (its trial tests, and more). */
class PoetryTest {
    static final String TEST_POEM = "This is a test.\nThis is only a test.\n";

    @TempDir
    Path dir;

    private Path poemFile() throws IOException {
        return Files.writeString(dir.resolve("poem.txt"), TEST_POEM);
    }

    /** Starts a service tree the way the launcher does and returns the first TCPServer's port. */
    private static int start(MultiService tree) {
        tree.privilegedStartService();
        tree.startService();
        return tree.services().stream().filter(TCPServer.class::isInstance).map(TCPServer.class::cast)
                .findFirst().orElseThrow().listeningPort().orElseThrow().port();
    }

    private static <T> T await(Deferred<T> d) throws Exception {
        return d.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Failure awaitFailure(Deferred<?> d) throws Exception {
        CompletableFuture<Failure> failure = new CompletableFuture<>();
        d.addCallbacks(v -> failure.completeExceptionally(new AssertionError("succeeded with " + v)), failure::complete);
        return failure.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theClientGetsThePoemFromTheFastServer() throws Exception {
        MultiService server = PoetryServices.fastPoetry(0, "127.0.0.1", poemFile());
        int port = start(server);
        assertEquals(TEST_POEM, await(PoetryClient.getPoetry("127.0.0.1", port, 10)));
        await(server.stopService());
    }

    @Test
    void aClosedPortFailsWithConnectionRefused() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        assertInstanceOf(ConnectionRefusedError.class, awaitFailure(PoetryClient.getPoetry("127.0.0.1", closed, 10)).value());
    }

    @Test
    void aServerThatNeverFinishesTimesOut() throws Exception {
        ListeningPort silent = Tcp.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport().write("half a poem".getBytes());
            }
        }), "127.0.0.1");
        Failure failure = awaitFailure(PoetryClient.getPoetry("127.0.0.1", silent.port(), 0.3));
        assertInstanceOf(PoetryClient.PoemTimeoutError.class, failure.value());
        silent.stopListening();
    }

    @Test
    void twoThousandSlowPoetryClientsAreAllServed() throws Exception {
        MultiService server = PoetryServices.slowPoetry(0, "127.0.0.1", poemFile(), new SlowPoetry.Pace(8, 0.005));
        int port = start(server);
        int platformBefore = platformThreads();
        List<Deferred<String>> poems = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            poems.add(PoetryClient.getPoetry("127.0.0.1", port, 120));
        }
        List<String> all = await(Deferreds.gatherResults(poems));
        assertEquals(2000, all.size());
        assertTrue(all.stream().allMatch(TEST_POEM::equals));
        assertTrue(platformThreads() - platformBefore < 50, "connections run on virtual threads");
        await(server.stopService());
    }

    private static int platformThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isVirtual()).count();
    }

    @Test
    void theProxyFetchesOnceForFiftyConcurrentClients() throws Exception {
        MultiService upstream = PoetryServices.slowPoetry(0, "127.0.0.1", poemFile(), new SlowPoetry.Pace(4, 0.01));
        int upstreamPort = start(upstream);
        Clock clock = new Clock();
        PoetryProxyService proxy = new PoetryProxyService("127.0.0.1", upstreamPort, PoetryProxyService.TWO_HOURS, clock);
        ListeningPort proxyPort = Tcp.listenTCP(0, proxy.factory(), "127.0.0.1");
        List<Deferred<String>> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(PoetryClient.getPoetry("127.0.0.1", proxyPort.port(), 30));
        }
        assertTrue(await(Deferreds.gatherResults(clients)).stream().allMatch(TEST_POEM::equals));
        assertEquals(1, proxy.upstreamFetches());
        assertEquals(TEST_POEM, new String(await(proxy.getPoem())), "served from the cache");
        assertEquals(1, proxy.upstreamFetches());
        clock.advance(PoetryProxyService.TWO_HOURS);
        assertEquals(TEST_POEM, new String(await(proxy.getPoem())));
        assertEquals(2, proxy.upstreamFetches(), "an expired poem is fetched again");
        proxyPort.stopListening();
        await(upstream.stopService());
    }

    @Test
    void whenTheUpstreamFailsAllWaitersFailAndTheCacheStaysEmpty() throws Exception {
        try (ServerSocket upstream = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            PoetryProxyService proxy = new PoetryProxyService("127.0.0.1", upstream.getLocalPort(), 60, new Clock());
            Deferred<byte[]> first = proxy.getPoem();
            Deferred<byte[]> second = proxy.getPoem();   // arrives while the one fetch is in flight
            try (java.net.Socket fetch = upstream.accept()) {
                fetch.setSoLinger(true, 0);             // the upstream dies mid-poem: a reset
            }
            assertUpstreamFailure(awaitFailure(first).value());
            assertUpstreamFailure(awaitFailure(second).value());
            assertEquals(1, proxy.upstreamFetches());
            Deferred<byte[]> third = proxy.getPoem();
            try (java.net.Socket fetch = upstream.accept()) {
                fetch.setSoLinger(true, 0);
            }
            awaitFailure(third);
            assertEquals(2, proxy.upstreamFetches(), "nothing was cached: the next client tries again");
        }
    }

    /**
     * The reset upstream, as the fetch saw it: mostly ConnectionLost, but a
     * ConnectError when the reset arrives before the fetch's thread has finished
     * its (non-blocking) connect.
     */
    private static void assertUpstreamFailure(Throwable error) {
        assertTrue(error instanceof dev.braid.deferred.error.ConnectionLost
                || error instanceof dev.braid.deferred.error.ConnectError, String.valueOf(error));
    }

    @Test
    void theTransformServerOverNetstringsAndLines() throws Exception {
        MultiService server = PoetryServices.transform(0, 0, "127.0.0.1");
        start(server);
        List<TCPServer> ports = server.services().stream().filter(TCPServer.class::isInstance)
                .map(TCPServer.class::cast).toList();
        int netstringPort = ports.get(0).listeningPort().orElseThrow().port();
        int linePort = ports.get(1).listeningPort().orElseThrow().port();
        TransformProxy proxy = new TransformProxy("127.0.0.1", netstringPort);
        assertEquals("this is a test.\n", await(proxy.xform("cummingsify", "This IS a Test.\n")));
        assertInstanceOf(TransformProxy.TransformFailed.class, awaitFailure(proxy.xform("no_such_xform", "x")).value());
        assertInstanceOf(TransformProxy.TransformFailed.class, awaitFailure(proxy.xform("", "x")).value());
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", linePort)) {
            client.getOutputStream().write("shout\nline one\nline two\n.\n".getBytes());
            assertEquals("LINE ONE\nLINE TWO\n.\n", new String(client.getInputStream().readAllBytes()));
        }
        await(server.stopService());
    }

    @Test
    void theTransformServerClosesCleanlyOnMalformedAndOversizedNetstrings() throws Exception {
        MultiService server = PoetryServices.transform(0, -1, "127.0.0.1");
        int port = start(server);
        for (String bad : new String[] {"hello", "999999999:", "05:abcde,", "3:abcd", ":,", "100000:" + "x".repeat(10)}) {
            try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write(bad.getBytes());
                assertEquals("", new String(client.getInputStream().readAllBytes()), bad);
            }
        }
        assertEquals("4:poem,", netstringReply(port, "16:cummingsify.POEM,"));
        await(server.stopService());
    }

    private static String netstringReply(int port, String request) throws IOException {
        try (java.net.Socket client = new java.net.Socket("127.0.0.1", port)) {
            client.getOutputStream().write(request.getBytes());
            return new String(client.getInputStream().readAllBytes());
        }
    }

    @Test
    void theMultiServerClientReportsEachOutcomeAndFallsBackOnCummingsifyFailures() throws Exception {
        MultiService server = PoetryServices.fastPoetry(0, "127.0.0.1", poemFile());
        int port = start(server);
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        List<MultiPoetryClient.Server> servers = List.of(new MultiPoetryClient.Server("127.0.0.1", port),
                new MultiPoetryClient.Server("127.0.0.1", closed));
        UnaryOperator<String> failingCummingsify = poem -> {
            throw new MultiPoetryClient.CannotCummingsifyError(poem);
        };
        List<MultiPoetryClient.Outcome> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<MultiPoetryClient.Outcome> outcomes = EventLoop.react(loop ->
                MultiPoetryClient.getPoems(servers, 10, failingCummingsify, reported::add));
        assertEquals(TEST_POEM, outcomes.get(0).poem(), "5.1: the original poem when cummingsify fails");
        assertInstanceOf(ConnectionRefusedError.class, outcomes.get(1).failure().value());
        assertEquals(2, reported.size());
        await(server.stopService());
    }

    @Test
    void clientSixKeepsTheOriginalPoemWhenTheTransformFails() throws Exception {
        MultiService poetry = PoetryServices.fastPoetry(0, "127.0.0.1", poemFile());
        int port = start(poetry);
        MultiService transforms = PoetryServices.transform(0, -1, "127.0.0.1");
        TransformProxy proxy = new TransformProxy("127.0.0.1", start(transforms));
        Deferred<String> good = PoetryClient.getPoetry("127.0.0.1", port, 10)
                .addCallbackDeferred(poem -> proxy.xform("shout", poem));
        assertEquals(TEST_POEM.toUpperCase(), await(good));
        Deferred<Object> kept = PoetryClient.getPoetry("127.0.0.1", port, 10)
                .addCallbackDeferred(poem -> proxy.xform("nonsense", poem).addErrback(f -> poem));
        assertEquals(TEST_POEM, await(kept));
        await(poetry.stopService());
        await(transforms.stopService());
    }
}
