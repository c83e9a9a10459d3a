package dev.braid.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class LinuxNetTest {
    private static final int WAIT_MILLIS = 30_000;

    /** The build (and the braid binary) must let this library's code make native calls without a warning. */
    @Test
    void nativeAccessIsEnabledForThisLibrary() {
        assertTrue(LinuxNet.class.getModule().isNativeAccessEnabled(), LinuxNet.class.getModule().toString());
    }

    @Test
    void theEventFdDoorbellWakesEpoll() {
        int epoll = LinuxNet.epollCreate();
        int doorbell = LinuxNet.eventFd();
        assertTrue(epoll >= 0 && doorbell >= 0, "epoll " + epoll + ", eventfd " + doorbell);
        try (LinuxNet.Scratch scratch = new LinuxNet.Scratch(4)) {
            assertEquals(0, scratch.addOrModify(epoll, doorbell, LinuxNet.EPOLLIN, 7));
            assertEquals(0, scratch.addOrModify(epoll, doorbell, LinuxNet.EPOLLIN, 8), "re-armed with new data");
            assertEquals(0, scratch.await(epoll, 0), "nothing rang yet");
            LinuxNet.ring(doorbell);
            assertEquals(1, scratch.await(epoll, WAIT_MILLIS));
            assertEquals(8, scratch.eventData(0));
            assertTrue((scratch.eventMask(0) & LinuxNet.EPOLLIN) != 0);
            scratch.drain(doorbell);
            assertEquals(0, scratch.await(epoll, 0), "drained");
        } finally {
            LinuxNet.close(doorbell);
            LinuxNet.close(epoll);
        }
    }

    @Test
    void aConnectionsSocketIsFoundByItsPeerAndItsFinReported() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept();
             LinuxNet.Scratch scratch = new LinuxNet.Scratch(4)) {
            Endpoint clientEnd = Endpoint.of((InetSocketAddress) client.getLocalSocketAddress());
            Endpoint serverEnd = Endpoint.of((InetSocketAddress) accepted.getLocalSocketAddress());
            int fd = -1;
            for (int candidate : Proc.openFds()) {
                if (clientEnd.equals(scratch.peer(candidate)) && serverEnd.equals(scratch.local(candidate))) {
                    fd = candidate;
                }
            }
            assertTrue(fd >= 0, "no fd has the peer " + clientEnd);
            assertTrue(scratch.isConnectionSocket(fd));
            long cookie = scratch.cookie(fd);
            assertNotEquals(0, cookie);
            assertEquals(cookie, scratch.cookie(fd), "a socket keeps its cookie");

            int epoll = LinuxNet.epollCreate();
            try {
                assertEquals(0, scratch.addOrModify(epoll, fd, LinuxNet.EPOLLRDHUP | LinuxNet.EPOLLONESHOT, 42));
                assertEquals(0, scratch.await(epoll, 0), "nothing happened yet");
                client.shutdownOutput(); // its FIN
                assertEquals(1, scratch.await(epoll, WAIT_MILLIS));
                assertEquals(42, scratch.eventData(0));
                assertTrue((scratch.eventMask(0) & LinuxNet.EPOLLRDHUP) != 0, "mask " + scratch.eventMask(0));
            } finally {
                LinuxNet.close(epoll);
            }
        }
    }

    @Test
    void aListeningSocketIsNoConnection() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LinuxNet.Scratch scratch = new LinuxNet.Scratch(1)) {
            Endpoint listening = Endpoint.of((InetSocketAddress) server.getLocalSocketAddress());
            int found = 0;
            for (int fd : Proc.openFds()) {
                if (listening.equals(scratch.local(fd))) {
                    found++;
                    assertFalse(scratch.isConnectionSocket(fd));
                    assertNull(scratch.peer(fd));
                    assertEquals(Errno.ENOTCONN, scratch.errno());
                }
            }
            assertEquals(1, found);
        }
    }

    @Test
    void failuresComeBackAsNegativeErrnos() {
        try (LinuxNet.Scratch scratch = new LinuxNet.Scratch(1)) {
            assertNull(scratch.peer(-1));
            assertEquals(Errno.EBADF, scratch.errno());
            assertEquals(0, scratch.cookie(-1));
            assertEquals(-Errno.EBADF, scratch.addOrModify(-1, 0, LinuxNet.EPOLLIN, 1));
            assertEquals(-Errno.EBADF, scratch.await(-1, 0));
        }
    }
}
