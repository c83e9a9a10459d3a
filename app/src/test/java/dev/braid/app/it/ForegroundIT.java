package dev.braid.app.it;

import dev.braid.posix.Posix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code braid -n}: the foreground server, its pid file, its signals, --rundir and --uid. */
class ForegroundIT {
    private static final Map<String, String> PLUGINS = Map.of("BRAID_CLASSPATH", BraidBinary.testPlugins().toString());

    @TempDir
    Path dir;

    static String ask(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    @Test
    void sigtermStopsCleanlyWithTwistdsLinesRemovesThePidFileAndExits143() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "port-plugin")) {
            int port = Integer.parseInt(braid.await("port-plugin starting on (\\d+)"));
            assertTrue(ask(port).startsWith("uid="));
            assertEquals(Long.toString(braid.pid()), Files.readString(dir.resolve("braid.pid")),
                    "the pid file holds the server's pid, without a newline");
            assertEquals(143, braid.signalAndWait("TERM"));
            List<String> tail = braid.output().lines().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
            int received = tail.indexOf("[-] Received SIGTERM, shutting down.");
            assertTrue(received > 0, braid.output());
            assertEquals(List.of("[-] Received SIGTERM, shutting down.",
                            "[port-plugin#info] (port-plugin port " + port + " closed)",
                            "[-] Main loop terminated.",
                            "[dev.braid.app.run.ServerRunner#info] Server Shut Down."),
                    tail.subList(received, tail.size()));
            assertFalse(Files.exists(dir.resolve("braid.pid")));
        }
    }

    @Test
    void sigintExits130AndShutdownWaitsForTheStopDeferred() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "--pidfile=x.pid", "noise", "--lines=1",
                "--stop-delay=0.2")) {
            braid.await("noise done");
            assertEquals(130, braid.signalAndWait("INT"));
            String out = braid.output();
            assertTrue(out.indexOf("Received SIGINT, shutting down.") < out.indexOf("noise stopped after a delay"), out);
            assertTrue(out.indexOf("noise stopped after a delay") < out.indexOf("Main loop terminated."), out);
            assertFalse(Files.exists(dir.resolve("x.pid")));
        }
    }

    @Test
    void aStalePidFileIsReplacedWithALogLine() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = dir.resolve("braid.pid");
        Files.writeString(pidFile, Long.toString(gone.pid()));
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "port-plugin")) {
            braid.await("\\[-\\] Removing stale pidfile " + pidFile);
            braid.await("port-plugin starting on");
            assertEquals(Long.toString(braid.pid()), Files.readString(pidFile));
            assertEquals(143, braid.signalAndWait("TERM"));
        }
    }

    @Test
    void aLivePidFileRefusesASecondStartAndANonNumericOneIsAnError() throws Exception {
        Path pidFile = dir.resolve("braid.pid");
        Files.writeString(pidFile, Long.toString(Posix.getpid()));
        BraidBinary.Result refused = BraidBinary.run(dir, PLUGINS, "-n", "port-plugin");
        assertEquals(1, refused.status(), refused::toString);
        assertTrue(refused.err().startsWith("Another braid server is running, PID " + Posix.getpid() + "\n"), refused::toString);
        assertEquals(Long.toString(Posix.getpid()), Files.readString(pidFile), "the other server's file is left alone");

        Files.writeString(pidFile, "garbage");
        BraidBinary.Result garbage = BraidBinary.run(dir, PLUGINS, "-n", "port-plugin");
        assertEquals(1, garbage.status(), garbage::toString);
        assertEquals("Pidfile " + pidFile + " contains non-numeric value\n", garbage.err());
    }

    @Test
    void rundirRunsThereKeepingThePidAndResolvingFilesAgainstTheStartDirectory() throws Exception {
        Path run = Files.createDirectory(dir.resolve("run"));
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "--rundir=run", "--pidfile=r.pid",
                "--logfile=r.log", "port-plugin")) {
            Waiting.forFile(dir.resolve("r.pid"), BraidBinary.PATIENCE);
            assertEquals(Long.toString(braid.pid()), Files.readString(dir.resolve("r.pid")),
                    "re-executing in the run directory keeps the pid");
            assertEquals(run, Files.readSymbolicLink(Path.of("/proc/" + braid.pid() + "/cwd")));
            assertEquals(143, braid.signalAndWait("TERM"));
        }
        assertTrue(Files.readString(dir.resolve("r.log")).contains("Server Shut Down."));
        try (var files = Files.list(run)) {
            assertEquals(0, files.count(), "nothing is written in the run directory");
        }
    }

    @Test
    void uidDropsToNobodyAfterBindingAndLeavesThePidFileAsTwistdDoes() throws Exception {
        assumeTrue(Posix.geteuid() == 0, "dropping privileges needs root");
        int nobody = Posix.userByName("nobody").orElseThrow().uid();
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "--uid=nobody", "port-plugin")) {
            int port = Integer.parseInt(braid.await("port-plugin starting on (\\d+)"));
            braid.await("\\[-\\] set uid/gid " + nobody + "/");
            assertTrue(ask(port).startsWith("uid=" + nobody + " gid="), "the service runs as nobody");
            String status = Files.readString(Path.of("/proc/" + braid.pid() + "/status"));
            assertTrue(status.contains("Uid:\t" + nobody + "\t" + nobody + "\t" + nobody + "\t" + nobody), status);
            assertEquals(143, braid.signalAndWait("TERM"));
            assertTrue(braid.output().contains("[-] Warning: No permission to delete pid file"), braid.output());
        }
    }

    @Test
    void umaskAppliesToTheFilesTheServerCreates() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "--umask=027", "port-plugin")) {
            braid.await("port-plugin starting on");
            assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("braid.pid"))));
            assertEquals(143, braid.signalAndWait("TERM"));
        }
    }

    @Test
    void aSecondSignalStopsWaitingForServicesThatTakeTooLong() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "noise", "--lines=1", "--stop-delay=600")) {
            braid.await("noise done");
            new ProcessBuilder("kill", "-TERM", Long.toString(braid.pid())).start().waitFor();
            braid.await("noise stopping");
            assertEquals(143, braid.signalAndWait("TERM"));
            assertTrue(braid.output().contains("Received SIGTERM again while shutting down"), braid.output());
            assertFalse(Files.exists(dir.resolve("braid.pid")));
        }
    }

    @Test
    void aFailedStartIsLoggedAndExitsOne() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "noise", "--fail-start")) {
            assertEquals(1, braid.waitFor(BraidBinary.PATIENCE));
            assertTrue(braid.output().contains("java.lang.IllegalStateException: noise refuses to start"), braid.output());
            assertFalse(Files.exists(dir.resolve("braid.pid")));
        }
    }

    @Test
    void pluginUsageErrorsShowThePluginsUsage() throws Exception {
        BraidBinary.Result result = BraidBinary.run(dir, PLUGINS, "-n", "port-plugin", "--port=http");
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().startsWith("Usage: braid [options] port-plugin [options]\n"), result::toString);
        assertTrue(result.err().endsWith("braid: --port: 'http' is not a port number\n"), result::toString);
        BraidBinary.Result help = BraidBinary.run(dir, PLUGINS, "port-plugin", "--help");
        assertEquals(0, help.status(), help::toString);
        assertTrue(help.out().contains("  -p, --port="), help::toString);
        BraidBinary.Result unknown = BraidBinary.run(dir, PLUGINS, "nosuch");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().endsWith("braid: Unknown command: nosuch\n"), unknown::toString);
    }
}
