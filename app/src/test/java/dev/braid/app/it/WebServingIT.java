package dev.braid.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web server run by the binary as an operator meets it: clear one-line
 * errors, a graceful SIGTERM, the health path, logging levels from a
 * logging.properties with twistd's lines kept.
 */
class WebServingIT {
    private static final Map<String, String> PLUGINS = Map.of("BRAID_CLASSPATH", BraidBinary.testPlugins().toString());
    private static final String SLOW = "--class=dev.braid.app.testplugins.SlowPage";

    @TempDir
    Path dir;

    private static CompletableFuture<HttpResponse<String>> getAsync(int port, String path) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPortInUseIsOneLineInTheForegroundAndTwoAsADaemon() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String reason = "Couldn't listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use";
            String listen = "--listen=tcp:" + taken.getLocalPort() + ":interface=127.0.0.1";
            BraidBinary.Result foreground = BraidBinary.run(dir, "-n", "--pidfile=", "web", listen);
            assertEquals(1, foreground.status(), foreground::toString);
            assertTrue(foreground.out().contains(" [dev.braid.app.run.ServerRunner#error] Failed to start the "
                    + "application web: " + reason + "\n"), foreground::toString);
            assertFalse(foreground.out().contains("\tat ") || foreground.out().contains("Exception"),
                    "no stack trace: " + foreground);
            BraidBinary.Result daemon = BraidBinary.run(dir, "web", listen);
            assertEquals(1, daemon.status(), daemon::toString);
            assertEquals("An error has occurred: " + reason + "\nPlease look at log file for more information.\n",
                    daemon.err());
        }
    }

    @Test
    void aPluginsUsageErrorIsOneLineWithoutJavaNames() throws Exception {
        for (String mode : new String[] {"-n", "--logfile=web.log"}) {
            BraidBinary.Result missing = BraidBinary.run(dir, mode, "web", "--path=" + dir.resolve("nothing"));
            assertTrue(missing.status() != 0, missing::toString);
            String expected = mode.equals("-n") ? "braid: --path: no such file or directory: " + dir.resolve("nothing")
                    + "\n" : "An error has occurred: --path: no such file or directory: " + dir.resolve("nothing")
                    + "\nPlease look at log file for more information.\n";
            assertEquals(expected, missing.err(), missing::toString);
        }
        BraidBinary.Result both = BraidBinary.run(dir, "-n", "web", "--path=.", "--class=x.Y");
        assertEquals(2, both.status(), both::toString);
        assertEquals("braid: give only one of --path, --class and --handler\n", both.err());
    }

    @Test
    void sigtermLetsARequestInFlightFinish() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "web", SLOW,
                "--listen=tcp:0:interface=127.0.0.1")) {
            int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
            CompletableFuture<HttpResponse<String>> pending = getAsync(port, "/?seconds=1");
            braid.await("\\[-\\] slow page started");
            assertEquals(143, braid.signalAndWait("TERM"));
            HttpResponse<String> response = pending.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slow page done", response.body());
            String out = braid.output();
            assertTrue(out.indexOf("Received SIGTERM") < out.indexOf("(TCP Port " + port + " Closed)"), out);
            assertFalse(out.contains("were cut"), out);
        }
    }

    @Test
    void sigtermCutsWhatOutlastsTheGracePeriodAndSaysSo() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "web", SLOW,
                "--listen=tcp:0:interface=127.0.0.1", "--shutdown-grace=0.3")) {
            int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
            CompletableFuture<HttpResponse<String>> pending = getAsync(port, "/?seconds=600");
            braid.await("\\[-\\] slow page started");
            assertEquals(143, braid.signalAndWait("TERM"));
            assertTrue(braid.output().contains("[-] 1 request still running after the grace period of 0.3 s were cut"),
                    braid.output());
            try {
                assertEquals(503, pending.get(30, TimeUnit.SECONDS).statusCode());
            } catch (ExecutionException lost) {
                assertTrue(lost.getCause() instanceof IOException, lost.toString());
            }
        }
    }

    @Test
    void theDemoAnswersTheHealthPath() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "demo",
                "--listen=tcp:0:interface=127.0.0.1", "--poetry-port=0")) {
            int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
            HttpResponse<String> health = getAsync(port, "/healthz").get(30, TimeUnit.SECONDS);
            assertEquals(200, health.statusCode());
            assertEquals("OK\n", health.body());
            assertEquals(143, braid.signalAndWait("TERM"));
        }
    }

    @Test
    void levelsComeFromALoggingPropertiesAndLinesStayTwistds() throws Exception {
        Files.writeString(dir.resolve("index.txt"), "served\n");
        for (boolean quiet : new boolean[] {false, true}) {
            if (quiet) {
                Files.writeString(dir.resolve("logging.properties"), "dev.braid.web.access.level=WARNING\n");
            }
            try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "web", "--path=.",
                    "--listen=tcp:0:interface=127.0.0.1")) {
                int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
                assertEquals("served\n", getAsync(port, "/index.txt").get(30, TimeUnit.SECONDS).body());
                if (!quiet) {
                    braid.await("\\[dev\\.braid\\.web\\.access#info\\] \"127\\.0\\.0\\.1\" - - .*\"GET /index.txt HTTP/1.1\"");
                }
                assertEquals(143, braid.signalAndWait("TERM"));
                String out = braid.output();
                assertEquals(quiet, !out.contains("GET /index.txt"), out);
                assertTrue(out.lines().allMatch(line -> line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4} \\[.*")
                        || line.startsWith("\t")), "every line in twistd's format:\n" + out);
                assertTrue(out.contains(" [io.helidon.webserver.LoomServer#info] "), "Helidon's lines too:\n" + out);
            }
        }
    }
}
