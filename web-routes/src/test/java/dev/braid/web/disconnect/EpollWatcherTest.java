package dev.braid.web.disconnect;

import dev.braid.posix.LinuxNet;
import dev.braid.posix.Proc;
import dev.braid.web.disconnect.DisconnectDetector.Gone;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The epoll watcher on a real Helidon server and real loopback sockets: FIN,
 * RST and half-close while a request is idle, keep-alive and pipelined
 * requests never reported nor harmed, watches that ended, fd reuse, a
 * thousand idle connections at once, resets before the socket was found.
 */
@SuppressWarnings("try")   // the tests close sockets mid-way on purpose: a FIN or a reset at a chosen moment
class EpollWatcherTest {
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private static EpollWatcher watcher;
    private static WaitingServer server;

    @BeforeAll
    static void start() {
        watcher = EpollWatcher.createIfSupported().orElseThrow(() -> new AssertionError("this Linux runs the watcher"));
        server = new WaitingServer(watcher);
    }

    @AfterAll
    static void stop() {
        server.close();
        watcher.close();
    }

    @Test
    void aClientThatClosesWhileItsRequestWaitsIsReportedClean() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(RawClient.get("fin"));
            server.awaitArrived("fin");
        }
        assertEquals(Gone.CLEAN, server.awaitGone("fin"));
    }

    @Test
    void aClientThatResetsWhileItsRequestWaitsIsReportedLost() throws Exception {
        RawClient client = new RawClient(server.port());
        client.send(RawClient.get("rst"));
        server.awaitArrived("rst");
        assertTrue(watcher.awaitSettled(SETTLE));
        client.reset();
        assertEquals(Gone.LOST, server.awaitGone("rst"));
    }

    /** Twisted (and nginx) take a client's FIN as the client leaving, even when it still reads: so does Braid. */
    @Test
    void aClientThatHalfClosesAfterItsRequestIsReportedClean() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(RawClient.get("half"));
            server.awaitArrived("half");
            client.halfClose();
            assertEquals(Gone.CLEAN, server.awaitGone("half"));
        }
    }

    @Test
    void pipelinedRequestsAndUnreadBodiesAreNeverReportedAndArriveIntact() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(RawClient.get("p1")
                    + "POST /wait/p2 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 11\r\n\r\nhello world"
                    + RawClient.get("p3"));
            server.awaitArrived("p1");
            assertTrue(watcher.awaitSettled(SETTLE));
            assertTrue(server.goneSoFar("p1").isEmpty(), "buffered requests are not a disconnect");
            server.release("p1");
            assertEquals("p1:", client.readBody());

            server.awaitArrived("p2");
            assertTrue(watcher.awaitSettled(SETTLE));
            assertTrue(server.goneSoFar("p2").isEmpty(), "an unread body is not a disconnect");
            server.release("p2");
            assertEquals("p2:hello world", client.readBody());

            server.awaitArrived("p3");
            server.release("p3");
            assertEquals("p3:", client.readBody());
        }
        server.awaitEnded("p3");
        assertTrue(watcher.awaitSettled(SETTLE));
        for (String id : List.of("p1", "p2", "p3")) {
            assertTrue(server.goneSoFar(id).isEmpty(), id + " ended before the client left: never reported");
        }
    }

    @Test
    void aKeepAliveConnectionIsWatchedAgainForEachRequest() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            for (int i = 0; i < 3; i++) {
                client.send(RawClient.get("ka" + i));
                server.awaitArrived("ka" + i);
                server.release("ka" + i);
                assertEquals("ka" + i + ":", client.readBody());
            }
            client.send(RawClient.get("ka-last"));
            server.awaitArrived("ka-last");
        }
        assertEquals(Gone.CLEAN, server.awaitGone("ka-last"));
        for (int i = 0; i < 3; i++) {
            assertTrue(server.goneSoFar("ka" + i).isEmpty());
        }
    }

    @Test
    void aSocketClosedUnderItsWatchIsLostAndItsReusedFdIsANewConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket firstClient = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket secondClient = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
            Socket first = listener.accept();
            Reports firstReports = new Reports();
            watcher.watch(first.getLocalSocketAddress(), first.getRemoteSocketAddress(), firstReports);
            assertTrue(watcher.awaitSettled(SETTLE));
            int firstFd = fdOf(first);
            assertTrue(firstFd >= 0, "the accepted socket is in the fd table");

            first.close(); // the server closes the connection under the watch, as Helidon's HTTP/2 reader may
            assertEquals(Gone.LOST, firstReports.await());

            Socket second = listener.accept();
            assertEquals(firstFd, fdOf(second), "the kernel hands out the lowest free fd again");
            Reports secondReports = new Reports();
            var watch = watcher.watch(second.getLocalSocketAddress(), second.getRemoteSocketAddress(), secondReports);
            assertTrue(watcher.awaitSettled(SETTLE));
            assertEquals(0, secondReports.count(), "a new connection on the old fd is not the old one");

            secondClient.setSoLinger(true, 0);
            secondClient.close();
            assertEquals(Gone.LOST, secondReports.await());
            assertEquals(1, firstReports.count());
            watch.close();
            second.close();
        }
    }

    @Test
    void aWatchClosedBeforeTheClientLeftIsNeverReported() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket accepted = listener.accept()) {
            Reports reports = new Reports();
            var watch = watcher.watch(accepted.getLocalSocketAddress(), accepted.getRemoteSocketAddress(), reports);
            assertTrue(watcher.awaitSettled(SETTLE));
            watch.close();
            client.close();
            assertEquals(-1, accepted.getInputStream().read(), "the FIN has arrived");
            assertTrue(watcher.awaitSettled(SETTLE));
            assertEquals(0, reports.count());
            assertEquals(0, watcher.watchedConnectionCount());
        }
    }

    @Test
    void aThousandIdleConnectionsAreAllReportedWhenTheirClientsLeave() throws Exception {
        int count = 1000;
        List<RawClient> clients = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                clients.add(new RawClient(server.port()).send(RawClient.get("many" + i)));
            }
            for (int i = 0; i < count; i++) {
                server.awaitArrived("many" + i);
            }
            assertTrue(watcher.awaitSettled(SETTLE));
            for (int i = 0; i < count; i++) {
                if (i % 2 == 0) {
                    clients.get(i).close();
                } else {
                    clients.get(i).reset();
                }
            }
            for (int i = 0; i < count; i++) {
                assertEquals(i % 2 == 0 ? Gone.CLEAN : Gone.LOST, server.awaitGone("many" + i), "request " + i);
            }
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void aConnectionResetBeforeItsSocketWasFoundIsReportedLost() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket accepted = listener.accept()) {
            InetSocketAddress local = (InetSocketAddress) accepted.getLocalSocketAddress();
            InetSocketAddress remote = (InetSocketAddress) accepted.getRemoteSocketAddress();
            client.setSoLinger(true, 0);
            client.close();
            InputStream in = accepted.getInputStream();
            assertThrows(SocketException.class, in::read, "the reset has arrived");

            AtomicReference<Gone> gone = new AtomicReference<>();
            CountDownLatch reported = new CountDownLatch(1);
            watcher.watch(local, remote, reason -> {
                gone.set(reason);
                reported.countDown();
            });
            assertTrue(reported.await(SETTLE.toSeconds(), TimeUnit.SECONDS));
            assertEquals(Gone.LOST, gone.get());
        }
    }

    @Test
    void aConnectionThatCannotBeFoundIsGivenUpNeverGuessed() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        var nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        var watch = watcher.watch(nowhere, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                reason -> reported.countDown());
        assertTrue(watcher.awaitSettled(SETTLE), "the lookup was given up");
        assertEquals(1, reported.getCount());
        watch.close();
    }

    @Test
    void anHttp2ConnectionClosedByItsClientReportsEveryWaitingStream() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = client.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS
            out.write(h2Get(1, "/wait/h2-one"));
            out.write(h2Get(3, "/wait/h2-two"));
            out.flush();
            server.awaitArrived("h2-one");
            server.awaitArrived("h2-two");
            assertTrue(watcher.awaitSettled(SETTLE));
            assertTrue(server.goneSoFar("h2-one").isEmpty());
        }
        // FIN, or RST when the server's frames were left unread; Helidon's reader may also close first
        server.awaitGone("h2-one");
        server.awaitGone("h2-two");
    }

    @Test
    void closingTheWatcherLeavesNoThreadAndNoFd() throws Exception {
        long epollFdsBefore = countFds("anon_inode:[eventpoll]");
        long eventFdsBefore = countFds("anon_inode:[eventfd]");
        EpollWatcher own = EpollWatcher.createIfSupported().orElseThrow();
        assertEquals(epollFdsBefore + 1, countFds("anon_inode:[eventpoll]"));
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
                Socket accepted = listener.accept()) {
            Reports reports = new Reports();
            own.watch(accepted.getLocalSocketAddress(), accepted.getRemoteSocketAddress(), reports);
            assertTrue(own.awaitSettled(SETTLE));
            assertEquals(1, own.watchedConnectionCount());
            own.close();
            assertTrue(!own.isRunning(), "the watcher thread ended");
            assertEquals(epollFdsBefore, countFds("anon_inode:[eventpoll]"));
            assertEquals(eventFdsBefore, countFds("anon_inode:[eventfd]"));
            client.close();
            assertEquals(-1, accepted.getInputStream().read());
            own.watch(accepted.getLocalSocketAddress(), accepted.getRemoteSocketAddress(), reports).close();
            assertEquals(0, reports.count(), "a closed watcher reports nothing");
            own.close();
        }
    }

    /** A HEADERS frame (END_STREAM | END_HEADERS) for GET {@code path}, HPACK literals without Huffman. */
    private static byte[] h2Get(int stream, String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET
        block.write(0x86); // :scheme http
        literal(block, 0x04, path); // :path, not indexed
        literal(block, 0x01, "localhost"); // :authority
        byte[] payload = block.toByteArray();
        ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
        frame.put((byte) 0).putShort((short) payload.length).put((byte) 1).put((byte) 0x05).putInt(stream);
        return frame.put(payload).array();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex);
        block.write(value.length());
        block.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
    }

    private static long countFds(String target) throws IOException {
        long count = 0;
        for (int fd : Proc.openFds()) {
            try {
                if (Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().equals(target)) {
                    count++;
                }
            } catch (IOException closedMeanwhile) {
                // the listing's own fd, or one closed since
            }
        }
        return count;
    }

    /** The fd behind a socket, found the way the watcher finds it. */
    private static int fdOf(Socket socket) {
        ConnectionKey key = ConnectionKey.of(socket.getLocalSocketAddress(), socket.getRemoteSocketAddress()).orElseThrow();
        try (LinuxNet.Scratch scratch = new LinuxNet.Scratch(1)) {
            SocketScan.Found found = SocketScan.scan(scratch, Set.of(key), Set.of()).found().get(key);
            return found == null ? -1 : found.fd();
        }
    }

    /** Counts a watch's reports and waits for the first. */
    private static final class Reports implements Consumer<Gone> {
        private final List<Gone> seen = new CopyOnWriteArrayList<>();
        private final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void accept(Gone gone) {
            seen.add(gone);
            first.countDown();
        }

        Gone await() throws InterruptedException {
            assertTrue(first.await(SETTLE.toSeconds(), TimeUnit.SECONDS), "reported");
            return seen.getFirst();
        }

        int count() {
            return seen.size();
        }
    }
}
