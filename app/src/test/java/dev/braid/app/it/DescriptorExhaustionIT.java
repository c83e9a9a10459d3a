package dev.braid.app.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The braid binary under {@code ulimit -n 1200}, flooded as an attacker would:
 * 1,200 silent connections to the web port, then 1,200 to a TCP service until
 * the process has no descriptor left, and a web client arriving meanwhile.
 * Both listeners log, keep (or come back to) accepting, and serve again once
 * the flood is gone.
 */
@Timeout(300)
class DescriptorExhaustionIT {
    private static final int LIMIT = 1200;

    @TempDir
    Path dir;

    private static List<Socket> flood(int port, int count) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                sockets.add(socket);
            } catch (IOException backlogFull) {
                close(List.of(socket));
            }
        }
        return sockets;
    }

    private static void close(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** GET /hello's status line, or the failure. */
    private static String hello(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.isEmpty() ? "(closed)" : answer.lines().findFirst().orElse("");
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void bothListenersSurviveRunningOutOfDescriptors() throws Exception {
        Path config = dir.resolve("flood.yaml");
        Files.writeString(config, """
                application:
                  name: flood
                  services:
                    - name: web
                      plugin: web
                      options: {listen: ["tcp:0:interface=127.0.0.1"], idle-timeout: 2, header-timeout: 2}
                    - name: transform
                      plugin: transform
                      options: {port: 0, idle-timeout: 2}
                """);
        try (ForegroundBraid braid = ForegroundBraid.startWithDescriptorLimit(dir, LIMIT, "-n", "--pidfile=",
                "--config", config.toString())) {
            int web = Integer.parseInt(braid.await("Site starting on (\\d+)"));
            int transform = Integer.parseInt(braid.await("transform starting on (\\d+)"));

            // more silent connections than descriptors, on the web port
            List<Socket> silent = flood(web, LIMIT);
            close(silent);
            String afterWebFlood = hello(web);
            assertTrue(afterWebFlood.startsWith("HTTP/1.1 200"), afterWebFlood + "\n" + braid.output());

            // a TCP service takes every descriptor; a web client arrives while none is left
            List<Socket> tcpFlood = flood(transform, LIMIT);
            braid.await("cannot accept: Too many open files");
            String duringExhaustion = hello(web);
            close(tcpFlood);
            braid.await("accepts again after");
            if (braid.output().contains("terminating")) {
                // Helidon's listener died on the failed accept: braid restarted the server
                braid.await("listens again");
            }
            String afterTcpFlood = hello(web);
            assertTrue(afterTcpFlood.startsWith("HTTP/1.1 200"), "during: " + duringExhaustion + ", after: "
                    + afterTcpFlood + "\n" + braid.output());
            assertFalse(braid.output().contains("Cannot restart the web server yet (attempt 60)"), braid.output());
            braid.output().lines().filter(line -> line.contains("accept") || line.contains("web server")
                    || line.contains("terminating")).forEach(System.out::println);   // the report shows the path taken
            braid.signalAndWait("TERM");
        }
    }
}
