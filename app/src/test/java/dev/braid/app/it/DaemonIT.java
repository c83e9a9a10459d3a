package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** braid without {@code -n}: a detached daemon with pid file, log file, rotation and signals. */
class DaemonIT {
    private static final Map<String, String> PLUGINS = Map.of("BRAID_CLASSPATH", BraidBinary.testPlugins().toString());

    @TempDir
    Path dir;

    private long daemonPid() throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("braid.pid")));
    }

    private void stop(long pid) throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
        Waiting.forExit(pid, BraidBinary.PATIENCE);
    }

    @Test
    void theDaemonOutlivesItsLauncherInItsOwnSessionAndStopsOnSigterm() throws Exception {
        BraidBinary.Result launcher = BraidBinary.run(dir, PLUGINS, "port-plugin");
        assertEquals(0, launcher.status(), launcher::toString);
        assertEquals("", launcher.out() + launcher.err(), "a quiet start, as twistd's");
        long pid = daemonPid();
        assertNotEquals(launcher.pid(), pid);
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the daemon is gone"));
        assertTrue(daemon.isAlive());
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(Long.toString(pid), fields[3], "the daemon leads its own session: " + stat);
        for (int fd = 0; fd <= 2; fd++) {
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd)));
        }
        assertEquals(dir, Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("braid.pid"))),
                "the pid file is made under the daemon's umask 077");
        String log = Files.readString(dir.resolve("braid.log"));
        int port = Integer.parseInt(log.replaceAll("(?s).*port-plugin starting on (\\d+).*", "$1"));
        assertTrue(ForegroundIT.ask(port).startsWith("uid="));

        stop(pid);
        assertFalse(Files.exists(dir.resolve("braid.pid")), "the pid file is removed at shutdown");
        String after = Files.readString(dir.resolve("braid.log"));
        assertTrue(after.contains("[-] Received SIGTERM, shutting down."), after);
        assertTrue(after.strip().endsWith("Server Shut Down."), after);
    }

    @Test
    void aLiveDaemonRefusesASecondStart() throws Exception {
        assertEquals(0, BraidBinary.run(dir, PLUGINS, "port-plugin").status());
        long pid = daemonPid();
        try {
            BraidBinary.Result second = BraidBinary.run(dir, PLUGINS, "port-plugin");
            assertEquals(1, second.status(), second::toString);
            assertTrue(second.err().startsWith("Another braid server is running, PID " + pid), second::toString);
        } finally {
            stop(pid);
        }
    }

    @Test
    void aDaemonThatFailsToStartMakesTheLauncherFailWithTheReason() throws Exception {
        BraidBinary.Result failed = BraidBinary.run(dir, PLUGINS, "noise", "--fail-start");
        assertEquals(1, failed.status(), failed::toString);
        assertEquals("An error has occurred: noise refuses to start\n"
                + "Please look at log file for more information.\n", failed.err());
        assertFalse(Files.exists(dir.resolve("braid.pid")));
        assertTrue(Files.readString(dir.resolve("braid.log")).contains("noise refuses to start"));
    }

    @Test
    void anUnknownUserIsRefusedBeforeDaemonizing() throws Exception {
        BraidBinary.Result refused = BraidBinary.run(dir, PLUGINS, "--uid=no-such-user-here", "port-plugin");
        assertEquals(1, refused.status(), refused::toString);
        assertEquals("braid: no such user: no-such-user-here\n", refused.err());
        assertFalse(Files.exists(dir.resolve("braid.log")), "no daemon was started");
    }

    @Test
    void aDaemonCannotLogToStdout() throws Exception {
        BraidBinary.Result refused = BraidBinary.run(dir, PLUGINS, "--logfile=-", "port-plugin");
        assertEquals(1, refused.status());
        assertEquals("Daemons cannot log to stdout, exiting!\n", refused.err());
    }

    /** The JVM options the daemon runs with, from /proc. */
    private List<String> daemonJvmOptions(Map<String, String> env) throws Exception {
        BraidBinary.Result launcher = BraidBinary.run(dir, env, "port-plugin");
        assertEquals(0, launcher.status(), launcher::toString);
        long pid = daemonPid();
        try {
            return List.of(Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0"));
        } finally {
            stop(pid);
        }
    }

    @Test
    void theHeapIsCappedAndTheProcessExitsOnOutOfMemory() throws Exception {
        List<String> defaults = daemonJvmOptions(PLUGINS);
        assertTrue(defaults.contains("-Xmx512m") && defaults.contains("-XX:+ExitOnOutOfMemoryError"), defaults::toString);
        Map<String, String> bigger = new java.util.HashMap<>(PLUGINS);
        bigger.put("BRAID_HEAP", "768m");
        List<String> heap = daemonJvmOptions(bigger);
        assertTrue(heap.contains("-Xmx768m") && !heap.contains("-Xmx512m"), heap::toString);
        Map<String, String> own = new java.util.HashMap<>(PLUGINS);
        own.put("BRAID_JAVA_OPTIONS", "-XX:MaxRAMPercentage=10");
        List<String> percentage = daemonJvmOptions(own);
        assertTrue(percentage.contains("-XX:MaxRAMPercentage=10")
                && percentage.stream().noneMatch(option -> option.startsWith("-Xmx")), percentage::toString);
    }

    @Test
    void logfilesCapsTheRotatedFilesKept() throws Exception {
        // 4 x 6,000 lines of about 170 bytes: 4 MB, so four rotations at 1 MB
        BraidBinary.Result launcher = BraidBinary.run(dir, PLUGINS, "--logfiles=1", "noise", "--writers=4",
                "--lines=6000");
        assertEquals(0, launcher.status(), launcher::toString);
        long pid = daemonPid();
        try {
            assertTrue(Files.exists(dir.resolve("braid.log.1")), "rotated at 1 MB");
            assertFalse(Files.exists(dir.resolve("braid.log.2")), "only one rotated file is kept");
        } finally {
            stop(pid);
        }
        BraidBinary.Result bad = BraidBinary.run(dir, PLUGINS, "--logfiles=-1", "noise");
        assertEquals(2, bad.status(), bad::toString);
        assertTrue(bad.err().contains("--logfiles"), bad.err());
    }

    @Test
    void overAMegabyteOfLinesRotatesToBraidLog1WithNoLineLostAndSigusr1RotatesAgain() throws Exception {
        int writers = 4;
        int lines = 3_000; // 4 x 3,000 lines of about 170 bytes: 2 MB
        BraidBinary.Result launcher = BraidBinary.run(dir, PLUGINS, "noise", "--writers=" + writers, "--lines=" + lines);
        assertEquals(0, launcher.status(), launcher::toString);
        long pid = daemonPid();
        try {
            assertTrue(Files.exists(dir.resolve("braid.log.1")));
            assertTrue(Files.size(dir.resolve("braid.log.1")) >= 1_000_000);
            assertTrue(Files.size(dir.resolve("braid.log.1")) < 1_000_000 + 1_000, "rotated before the write that would overflow");

            new ProcessBuilder("kill", "-USR1", Long.toString(pid)).start().waitFor();
            Waiting.forFile(dir.resolve("braid.log.3"), BraidBinary.PATIENCE);
        } finally {
            stop(pid);
        }
        List<Path> oldestFirst = new ArrayList<>();
        for (int index = 3; index >= 1; index--) {
            oldestFirst.add(dir.resolve("braid.log." + index));
        }
        oldestFirst.add(dir.resolve("braid.log"));
        int[] next = new int[writers];
        for (Path file : oldestFirst) {
            for (String line : Files.readAllLines(file)) {
                int at = line.indexOf("#info] noise ");
                if (at < 0 || line.contains("noise done") || line.contains("noise stop")) {
                    continue;
                }
                String[] words = line.substring(at + "#info] noise ".length()).split(" ");
                int writer = Integer.parseInt(words[0]);
                assertEquals(next[writer], Integer.parseInt(words[1]), "line order of writer " + writer + " in " + file);
                next[writer]++;
            }
        }
        for (int writer = 0; writer < writers; writer++) {
            assertEquals(lines, next[writer], "every line of writer " + writer);
        }
    }
}
