package dev.braid.app.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about a process in {@code /proc/PID/stat}. A process killed
 * with {@code kill -9} stays a zombie until its parent collects it, and
 * {@code kill(pid, 0)} still finds it then: a pid file naming a zombie is
 * stale all the same.
 */
final class ProcessState {
    private ProcessState() {
    }

    /**
     * Returns whether {@code pid} is a zombie (or already dead but not yet collected).
     *
     * @param pid the process
     * @return true for state {@code Z} or {@code X}; false when it runs, is gone,
     *     or {@code /proc} cannot tell (other systems)
     */
    static boolean isZombie(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return false;
        }
        // "PID (comm) S ...": the name may hold spaces and parentheses, the state follows the last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return false;
        }
        char state = stat.charAt(close + 2);
        return state == 'Z' || state == 'X';
    }
}
