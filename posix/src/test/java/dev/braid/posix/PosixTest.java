package dev.braid.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class PosixTest {
    @Test
    void aFailedCallThrowsWithErrnoAndTheSystemsText() {
        PosixException missing = assertThrows(PosixException.class, () -> Posix.chdir("/no/such/directory"));
        assertEquals(Errno.ENOENT, missing.errno());
        assertEquals("[Errno 2] No such file or directory (chdir)", missing.getMessage());
    }

    @Test
    void killZeroTellsLiveFromGone() throws Exception {
        assertTrue(Posix.isAlive(Posix.getpid()));
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        assertFalse(Posix.isAlive(child.pid()));
        PosixException gone = assertThrows(PosixException.class, () -> Posix.kill(child.pid(), 0));
        assertEquals(Errno.ESRCH, gone.errno());
        assertEquals("[Errno 3] No such process (kill)", gone.getMessage());
    }

    @Test
    void umaskReturnsThePreviousMask() {
        int old = Posix.umask(027);
        try {
            assertEquals(027, Posix.umask(old));
        } finally {
            Posix.umask(old);
        }
    }

    @Test
    void userAndGroupDatabases() {
        UserEntry root = Posix.userByName("root").orElseThrow();
        assertEquals(new UserEntry("root", 0, 0), root);
        assertEquals(root, Posix.userById(0).orElseThrow());
        assertTrue(Posix.userByName("no-such-user-here").isEmpty());
        assertEquals(0, Posix.groupByName("root").orElseThrow());
        assertTrue(Posix.groupByName("no-such-group-here").isEmpty());
    }

    @Test
    void identityCalls() {
        assertEquals(Posix.getuid(), Posix.geteuid());
        assertTrue(Posix.getgid() >= 0);
        assertEquals("Operation not permitted", Posix.strerror(Errno.EPERM));
    }

    @Test
    void signalsRefusedByTheJvmAreReported() {
        assertThrows(IllegalArgumentException.class, () -> Signals.handle("KILL", () -> { }));
    }
}
