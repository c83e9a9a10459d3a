package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native binary as a daemon: it re-executes itself detached (setsid
 * through the Foreign Function API), writes its pid file, logs to braid.log,
 * rotates on SIGUSR1 and stops cleanly on SIGTERM.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NativeDaemonIT {
    @TempDir
    Path dir;

    @Test
    void aDaemonWithPidFileRotatesOnSigusr1AndStopsOnSigterm() throws Exception {
        BraidBinary.Result launcher = BraidBinary.run(dir, "fastpoetry", "--port=0");
        assertEquals(0, launcher.status(), launcher::toString);
        assertEquals("", launcher.out() + launcher.err(), "a quiet start, as twistd's");
        long pid = Long.parseLong(Files.readString(dir.resolve("braid.pid")));
        assertNotEquals(launcher.pid(), pid);
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(pid), fields[3], "the daemon leads its own session: " + stat);
            assertEquals(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")),
                    NativeBinary.folder().resolve("braid").toRealPath(), "the daemon is the native binary itself");

            int port = Integer.parseInt(logLine(dir.resolve("braid.log"), "fastpoetry starting on (\\d+)"));
            assertEquals(Files.readString(BraidBinary.etc().resolve("poetry/ecstasy.txt")), PoetryIT.fetch(port));

            new ProcessBuilder("kill", "-USR1", Long.toString(pid)).start().waitFor();
            Waiting.forFile(dir.resolve("braid.log.1"), BraidBinary.PATIENCE);
            logLine(dir.resolve("braid.log.1"), "(fastpoetry starting on " + port + ")");
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
            Waiting.forExit(pid, BraidBinary.PATIENCE);
        }
        assertFalse(Files.exists(dir.resolve("braid.pid")), "the pid file is removed at shutdown");
        logLine(dir.resolve("braid.log"), "(Server Shut Down\\.)");
        String after = Files.readString(dir.resolve("braid.log"));
        assertTrue(after.contains("[-] Received SIGTERM, shutting down."), after);
        assertTrue(after.strip().endsWith("Server Shut Down."), after);
        NativeBinary.assertNoUnsupportedCall(after);
    }

    /** Waits (inotify, no sleeping) for a line of the log file, which is written in batches; returns group 1. */
    private static String logLine(Path log, String regex) throws Exception {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + BraidBinary.PATIENCE.toNanos();
        try (java.nio.file.WatchService watcher = log.getFileSystem().newWatchService()) {
            log.getParent().register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY,
                    java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                java.util.regex.Matcher matcher = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
                if (matcher.find()) {
                    return matcher.group(1);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no line /" + regex + "/ in " + log + " within " + BraidBinary.PATIENCE);
                }
                java.nio.file.WatchKey key = watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }

    @Test
    void aLiveDaemonRefusesASecondStart() throws Exception {
        assertEquals(0, BraidBinary.run(dir, "fastpoetry", "--port=0").status());
        long pid = Long.parseLong(Files.readString(dir.resolve("braid.pid")));
        try {
            BraidBinary.Result second = BraidBinary.run(dir, "fastpoetry", "--port=0");
            assertEquals(1, second.status(), second::toString);
            assertTrue(second.err().startsWith("Another braid server is running, PID " + pid), second::toString);
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
            Waiting.forExit(pid, BraidBinary.PATIENCE);
        }
    }
}
