package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The binary lets the posix library make its native calls: the daemon's libc
 * calls run without the JDK's "restricted method" warning, and a client that
 * leaves a waiting request is noticed with the epoll watcher in place (it logs
 * "no epoll disconnect watcher: ..." when it cannot run, for instance without
 * native access).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DisconnectWatcherIT {
    @TempDir
    Path dir;

    @Test
    void nativeCallsRunWithoutAWarningAndTheEpollWatcherIsInPlace() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "--pidfile=", "demo",
                "--listen=tcp:0:interface=127.0.0.1", "--delay=600", "--poetry-port=0")) {
            int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write("GET /interrupted HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput(); // the client leaves (FIN) while the answer is 600 s away
                braid.await("Async response demo interrupted response");
            }
            assertEquals(143, braid.signalAndWait("TERM"));
            String output = braid.output();
            assertFalse(output.contains("restricted method"), output);
            assertFalse(output.contains("no epoll disconnect watcher"), output);
        }
    }
}
