package dev.braid.posix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about processes: this process's open file
 * descriptors and their limit, and whether another process is a zombie. Plain
 * file reads, no native code. Elsewhere than Linux each method says that it
 * cannot tell, as documented on it. (The kernel's TCP table is {@link TcpTable}.)
 *
 * <pre>{@code
 * for (int fd : Proc.openFds()) { ... }
 * boolean stale = !Posix.isAlive(pid) || Proc.isZombie(pid);
 * }</pre>
 */
public final class Proc {
    private static final Path FDS = Path.of("/proc/self/fd");
    private static final Path LIMITS = Path.of("/proc/self/limits");

    private Proc() {
    }

    /**
     * Whether {@code /proc/self/fd} can be listed here.
     *
     * @return true on Linux with procfs mounted
     */
    public static boolean hasFdListing() {
        return Files.isDirectory(FDS);
    }

    /**
     * The fd numbers open now, from {@code /proc/self/fd} (the listing's own
     * fd included: it is closed by the time this returns).
     *
     * @return the numbers, in the kernel's order
     * @throws UncheckedIOException when {@code /proc/self/fd} cannot be listed
     */
    public static int[] openFds() {
        int[] fds = new int[256];
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
            for (Path entry : entries) {
                if (count == fds.length) {
                    fds = Arrays.copyOf(fds, count * 2);
                }
                fds[count++] = Integer.parseInt(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(fds, count);
    }

    /**
     * This process's soft limit of open files ({@code ulimit -n}), from
     * {@code /proc/self/limits}.
     *
     * @return the limit, or empty when it is unlimited or {@code /proc} cannot tell
     */
    public static OptionalLong openFileLimit() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * Returns whether {@code pid} is a zombie (or already dead but not yet
     * collected), from {@code /proc/PID/stat}. A process killed with
     * {@code kill -9} stays a zombie until its parent collects it, and
     * {@code kill(pid, 0)} still finds it then: a pid file naming a zombie is
     * stale all the same.
     *
     * @param pid the process
     * @return true for state {@code Z} or {@code X}; false when it runs, is gone,
     *     or {@code /proc} cannot tell (other systems)
     */
    public static boolean isZombie(long pid) {
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
