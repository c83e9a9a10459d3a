package dev.braid.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A TCP port under {@code ulimit -n 128} flooded with 300 connections: its
 * accepts fail for want of descriptors, it says so in the log, and once the
 * connections are gone it accepts and serves again (the accept thread used to
 * take any IOException for "closed" and end silently).
 */
@Timeout(120)
class AcceptUnderDescriptorLimitTest {
    @Test
    void thePortKeepsAcceptingOnceDescriptorsAreFree() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("sh", "-c", "ulimit -n 128 && exec \"$0\" --enable-preview -cp \"$1\" "
                + LowDescriptorServer.class.getName(), java, childClassPath()).start();
        BlockingQueue<String> log = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> pump(child.getErrorStream(), log));
        try {
            String first = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(first != null && first.startsWith("port "), "no port from the child: " + first + " " + log);
            int port = Integer.parseInt(first.substring(5).strip());
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    flood.add(new Socket("127.0.0.1", port));
                }
                awaitLine(log, "cannot accept");
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
            awaitLine(log, "accepts again");
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            }
        } finally {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void pump(java.io.InputStream stderr, BlockingQueue<String> log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.add(line);
            }
        } catch (IOException ended) {
            // the child is gone
        }
    }

    private static void awaitLine(BlockingQueue<String> log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = log.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                seen.add(line);
                if (line.contains(text)) {
                    return;
                }
            }
        }
        throw new AssertionError("no line with '" + text + "' in the child's log: " + seen);
    }

    /** The tests' class path plus the module path this module's tests run on, all on the child's class path. */
    private static String childClassPath() {
        String modules = System.getProperty("jdk.module.path");
        String classes = System.getProperty("java.class.path");
        return modules == null || modules.isEmpty() ? classes : modules + java.io.File.pathSeparator + classes;
    }
}
