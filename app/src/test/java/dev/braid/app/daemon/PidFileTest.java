package dev.braid.app.daemon;

import dev.braid.posix.Posix;
import dev.braid.posix.Proc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PidFileTest {
    @TempDir
    Path dir;

    /** A pid that no process has: one of a child that has exited and been reaped. */
    private static long deadPid() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        long pid = child.pid();
        assertFalse(Posix.isAlive(pid));
        return pid;
    }

    @Test
    void noFileMeansGoOn() throws PidFileException {
        assertEquals(Optional.empty(), new PidFile(dir.resolve("none.pid")).check());
    }

    @Test
    void aLiveProcessRefusesWithTwistdsMessage() throws IOException {
        Path path = dir.resolve("braid.pid");
        Files.writeString(path, "1");
        PidFileException refused = assertThrows(PidFileException.class, () -> new PidFile(path).check());
        assertTrue(refused.getMessage().startsWith("Another braid server is running, PID 1\n\n"), refused.getMessage());
        assertTrue(refused.getMessage().contains("use the --pidfile and --logfile parameters to avoid clashes."));
        assertTrue(Files.exists(path));
    }

    @Test
    void aStaleFileIsRemovedWithALogLine() throws Exception {
        Path path = dir.resolve("braid.pid");
        Files.writeString(path, deadPid() + "\n");
        assertEquals(Optional.of("Removing stale pidfile " + path), new PidFile(path).check());
        assertFalse(Files.exists(path));
    }

    /** A restart right after kill -9, before the parent collected the old process: the zombie's pid is stale. */
    @Test
    void aZombieIsStale() throws Exception {
        // sh starts a child that exits at once, then becomes a sleep that never collects it: a zombie
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 600").start();
        try {
            long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                    parent.getInputStream())).readLine().strip());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (!Proc.isZombie(zombie) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(Proc.isZombie(zombie), "no zombie appeared");
            assertTrue(Posix.isAlive(zombie), "kill(pid, 0) still finds a zombie");
            Path path = dir.resolve("zombie.pid");
            Files.writeString(path, Long.toString(zombie));
            assertEquals(Optional.of("Removing stale pidfile " + path), new PidFile(path).check());
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void ourOwnPidIsStaleToo() throws Exception {
        Path path = dir.resolve("own.pid");
        Files.writeString(path, Long.toString(Posix.getpid()));
        assertTrue(new PidFile(path).check().isPresent());
    }

    @Test
    void aNonNumericFileIsAnError() throws IOException {
        Path path = dir.resolve("braid.pid");
        Files.writeString(path, "garbage");
        assertEquals("Pidfile " + path + " contains non-numeric value",
                assertThrows(PidFileException.class, () -> new PidFile(path).check()).getMessage());
        Files.writeString(path, "-5");
        assertThrows(PidFileException.class, () -> new PidFile(path).check());
    }

    @Test
    void writeCreatesTheFileWithoutNewlineAndRefusesToOverwrite() throws Exception {
        Path path = dir.resolve("w.pid");
        PidFile pid = new PidFile(path);
        pid.write(4242);
        assertEquals("4242", Files.readString(path));
        PidFileException raced = assertThrows(PidFileException.class, () -> new PidFile(path).write(99));
        assertTrue(raced.getMessage().startsWith("Another braid server is running, PID 4242"));
        assertEquals(Optional.empty(), pid.remove(4242));
        assertFalse(Files.exists(path));
        assertEquals(Optional.empty(), pid.remove(4242), "removing twice is fine");
    }

    @Test
    void removeLeavesAFileThatAnotherProcessTookOver() throws Exception {
        Path path = dir.resolve("t.pid");
        Files.writeString(path, "777");
        assertTrue(new PidFile(path).remove(4242).orElseThrow().contains("now holds 777"));
        assertTrue(Files.exists(path));
    }

    @Test
    void relativePathsAreMadeAbsoluteAtOnce() {
        assertTrue(new PidFile(Path.of("braid.pid")).path().isAbsolute());
    }
}
