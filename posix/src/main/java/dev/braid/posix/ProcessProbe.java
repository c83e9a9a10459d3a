package dev.braid.posix;

/**
 * What {@code kill(pid, 0)}'s answer says about a process, kept apart from
 * {@link Posix} so that the native binary, which replaces that whole class,
 * shares the rule instead of restating it.
 */
final class ProcessProbe {
    private ProcessProbe() {
    }

    /** {@link Posix#isAlive}: only ESRCH means gone; EPERM means it exists under another user. */
    static boolean isAlive(long pid) {
        try {
            Posix.kill(pid, 0);
            return true;
        } catch (PosixException e) {
            if (e.errno() == Errno.ESRCH) {
                return false;
            }
            if (e.errno() == Errno.EPERM) {
                return true;
            }
            throw e;
        }
    }
}
