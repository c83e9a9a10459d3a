package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The poetry plugins, the get-poetry client and the two-poem deployment file, run by the binary. */
class PoetryIT {
    @TempDir
    Path dir;

    private static String ecstasy() throws IOException {
        return Files.readString(BraidBinary.etc().resolve("poetry/ecstasy.txt"));
    }

    static String fetch(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(60_000);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads the first {@code count} bytes a server sends, then hangs up. */
    static String firstBytes(int port, int count) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(60_000);
            return new String(in.readNBytes(count), StandardCharsets.UTF_8);
        }
    }

    /** Sends one netstring and reads the netstring that comes back. */
    static String netstring(int port, String payload) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write(',');
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return reply.substring(reply.indexOf(':') + 1, reply.length() - 1);
        }
    }

    @Test
    void fastpoetryOnPortZeroServesTheShippedPoemAndLogsItsPort() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "fastpoetry", "--port", "0")) {
            int port = Integer.parseInt(braid.await("\\[-\\] fastpoetry starting on (\\d+)"));
            assertEquals(ecstasy(), fetch(port));

            BraidBinary.Result client = BraidBinary.run(dir, Map.of(), "client", "get-poetry", "127.0.0.1:" + port,
                    Integer.toString(port));
            assertEquals(0, client.status(), client::toString);
            assertEquals(ecstasy() + "\n" + ecstasy() + "\n", client.out());
            assertTrue(client.err().contains("Task 1: got " + Files.size(BraidBinary.etc().resolve("poetry/ecstasy.txt"))
                            + " bytes of poetry from 127.0.0.1:" + port),
                    client::toString);

            assertEquals(143, braid.signalAndWait("TERM"));
            assertTrue(braid.output().contains("[-] (TCP Port " + port + " Closed)"), braid.output());
        }
    }

    @Test
    void getPoetryReportsEachFailureAndExitsOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path script = BraidBinary.image().resolve("bin/braid-get-poetry");
        Process process = new ProcessBuilder(script.toString(), "127.0.0.1:" + closed).directory(dir.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor());
        assertEquals("", out);
        assertTrue(err.startsWith("Task 1: failed to download poem from 127.0.0.1:" + closed + ": "), err);

        BraidBinary.Result bad = BraidBinary.run(dir, "client", "get-poetry", "nowhere");
        assertEquals(2, bad.status(), bad::toString);
        assertTrue(bad.err().endsWith("braid client get-poetry: not a server address (HOST:PORT or PORT): nowhere\n"),
                bad::toString);
        BraidBinary.Result none = BraidBinary.run(dir, "client", "get-poetry");
        assertEquals(2, none.status(), none::toString);
    }

    @Test
    void theTwoPoemDeploymentFileServesBothPorts() throws Exception {
        // The shipped file, with its two fixed ports made ephemeral so the test cannot collide with a running demo.
        String shipped = Files.readString(BraidBinary.etc().resolve("two-poems.yaml"));
        String ephemeral = shipped.replace("port: 10000", "port: 0").replace("port: 10001", "port: 0");
        assertNotEquals(shipped, ephemeral);
        Files.writeString(dir.resolve("two-poems.yaml"), ephemeral);
        Path poems = Files.createDirectory(dir.resolve("poetry"));
        for (String poem : List.of("ecstasy.txt", "science.txt")) {
            Files.copy(BraidBinary.etc().resolve("poetry").resolve(poem), poems.resolve(poem));
        }
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "--config", "two-poems.yaml")) {
            List<String> ports = braid.awaitAll("\\[-\\] fastpoetry starting on (\\d+)", 2);
            int first = Integer.parseInt(ports.get(0));
            int second = Integer.parseInt(ports.get(1));
            assertNotEquals(first, second);
            assertEquals(ecstasy(), fetch(first));
            assertTrue(fetch(second).startsWith("Sonnet — To Science"));
            assertEquals(143, braid.signalAndWait("TERM"));
        }
    }

    @Test
    void theDemoServesEveryPoetryService() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "demo",
                "--listen=tcp:0:interface=127.0.0.1", "--delay=0", "--poetry-port=0")) {
            braid.await("\\[-\\] transform starting on");
            String out = braid.output();
            int fast = port(out, "fastpoetry");
            int slow = port(out, "slowpoetry");
            int proxy = port(out, "poetry-proxy");
            assertEquals(ecstasy(), fetch(fast));
            assertTrue(ecstasy().startsWith(firstBytes(slow, 10)), "slow poetry starts the poem (the whole takes 30 s)");
            assertEquals(ecstasy(), fetch(proxy), "the proxy fetches from the demo's fast server");
            Matcher transform = Pattern.compile("transform starting on (\\d+)").matcher(out);
            assertTrue(transform.find());
            int netstrings = Integer.parseInt(transform.group(1));
            assertEquals("HELLO POEM", netstring(netstrings, "shout.hello poem"));

            BraidBinary.Result shouted = BraidBinary.run(dir, Map.of(), "client", "get-poetry", "--xform", "shout",
                    "--transform-server", "127.0.0.1:" + netstrings, Integer.toString(fast));
            assertEquals(0, shouted.status(), shouted::toString);
            assertEquals(ecstasy().toUpperCase(java.util.Locale.ROOT) + "\n", shouted.out());
            BraidBinary.Result kept = BraidBinary.run(dir, Map.of(), "client", "get-poetry", "--xform", "nosuch",
                    "--transform-server", "127.0.0.1:" + netstrings, Integer.toString(fast));
            assertEquals(0, kept.status(), kept::toString);
            assertEquals(ecstasy() + "\n", kept.out(), "client 6.0 keeps the poem when the transform fails");
            assertTrue(kept.err().contains("Cannot nosuch the poem from 127.0.0.1:" + fast), kept::toString);
            assertEquals(143, braid.signalAndWait("TERM"));
        }
    }

    private static int port(String log, String service) {
        Matcher matcher = Pattern.compile("\\[-\\] " + Pattern.quote(service) + " starting on (\\d+)").matcher(log);
        assertTrue(matcher.find(), service + " in\n" + log);
        return Integer.parseInt(matcher.group(1));
    }
}
