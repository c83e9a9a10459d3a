package dev.braid.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ProcTest {
    @Test
    void openFdsListsAFileThisProcessOpened(@TempDir Path dir) throws IOException {
        assertTrue(Proc.hasFdListing());
        Path file = Files.writeString(dir.resolve("held"), "x");
        try (FileChannel channel = FileChannel.open(file)) {
            assertTrue(channel.isOpen() && holdsFdFor(file), "no fd of /proc/self/fd links to " + file);
        }
        assertFalse(holdsFdFor(file), "the closed file is still listed");
    }

    private static boolean holdsFdFor(Path file) throws IOException {
        for (int fd : Proc.openFds()) {
            Path link = Path.of("/proc/self/fd", Integer.toString(fd));
            try {
                if (Files.readSymbolicLink(link).equals(file.toRealPath())) {
                    return true;
                }
            } catch (IOException gone) {
                // the listing's own fd, or one another thread closed since
            }
        }
        return false;
    }

    @Test
    void openFileLimitIsWhatTheShellSays() throws Exception {
        // A child inherits this process's limits: its `ulimit -n` is ours.
        Process shell = new ProcessBuilder("sh", "-c", "ulimit -n").start();
        String said = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
        assertEquals(said.equals("unlimited") ? "" : said,
                Proc.openFileLimit().stream().mapToObj(Long::toString).findFirst().orElse(""));
    }

    @Test
    void aZombieIsToldFromLiveAndGoneProcesses() throws Exception {
        // sh starts a child that exits at once, then becomes a sleep that never collects it: a zombie
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 600").start();
        try {
            long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(
                    parent.getInputStream(), StandardCharsets.US_ASCII)).readLine().strip());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Proc.isZombie(zombie) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(Proc.isZombie(zombie), "no zombie appeared");
            assertFalse(Proc.isZombie(parent.pid()), "a live process is no zombie");
            assertFalse(Proc.isZombie(ProcessHandle.current().pid()), "nor is this one");
        } finally {
            parent.destroyForcibly().waitFor();
        }
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        assertFalse(Proc.isZombie(child.pid()), "nor is a process that is gone");
    }
}
