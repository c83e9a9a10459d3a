package dev.braid.app.daemon;

import dev.braid.app.problems.Problems;
import dev.braid.posix.Posix;
import dev.braid.posix.PosixException;
import dev.braid.posix.Proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The pid file that tells a second launcher, and {@code kill $(cat braid.pid)},
 * which process runs the server (twistd's {@code checkPID} and
 * {@code removePID}).
 *
 * <p>{@link #check()} looks at an existing file: a live process refuses the
 * start with twistd's message; a dead one (ESRCH) makes the file stale, and it
 * is removed so the start goes on — so does a zombie (a process killed with
 * {@code kill -9} whose parent has not collected it yet, which twistd takes
 * for a live server); a file without a number is an error.
 * {@link #write(long)} then creates the file with the pid and no newline, as
 * twistd does, using exclusive creation: of two launchers racing past the
 * check, the second fails instead of overwriting the first's pid (twistd
 * overwrites). {@link #remove()} deletes it at shutdown.
 *
 * <pre>{@code
 * PidFile pid = new PidFile(Path.of("/run/braid.pid"));
 * pid.check().ifPresent(stale -> log.info(stale));   // or throws PidFileException
 * pid.write(Posix.getpid());
 * ...
 * pid.remove();
 * }</pre>
 */
public final class PidFile {
    private final Path path;

    /**
     * Creates a handle on a pid file; nothing is read or written yet.
     *
     * @param path the file, made absolute now (twistd resolves it at option
     *     parsing, before any change of directory)
     */
    public PidFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    /**
     * Returns the file's absolute path.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Checks an existing pid file and removes it if it is stale.
     *
     * @return the line to log when a stale file was removed ("Removing stale
     *     pidfile ..."), or empty when there was no file
     * @throws PidFileException when another process owns the file, the file
     *     holds no number, or the process cannot be checked
     */
    public Optional<String> check() throws PidFileException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PidFileException("Cannot read pidfile " + path + ": " + e.getMessage());
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PidFileException("Pidfile " + path + " contains non-numeric value");
        }
        if (pid <= 0) {
            throw new PidFileException("Pidfile " + path + " contains non-numeric value");
        }
        boolean alive;
        try {
            alive = Posix.isAlive(pid) && !Proc.isZombie(pid);
        } catch (PosixException | ArithmeticException e) {
            throw new PidFileException("Can't check status of PID " + pid + " from pidfile " + path + ": " + e.getMessage());
        }
        if (alive && pid != Posix.getpid()) {
            throw new PidFileException(anotherServer(pid));
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new PidFileException("Cannot remove stale pidfile " + path + ": " + e.getMessage());
        }
        return Optional.of("Removing stale pidfile " + path);
    }

    /**
     * Returns twistd's message for a pid file held by a live process.
     *
     * @param pid the running process
     * @return the message, several lines
     */
    static String anotherServer(long pid) {
        return """
                Another braid server is running, PID %d

                This could either be a previously started instance of your application or a
                different application entirely. To start a new one, either run it in some other
                directory, or use the --pidfile and --logfile parameters to avoid clashes.
                """.formatted(pid);
    }

    /**
     * Writes {@code pid} into a new file (permissions from the current umask).
     *
     * @param pid the server's process id
     * @throws PidFileException if the file appeared since {@link #check()}
     *     (another launcher won the race) or cannot be written
     */
    public void write(long pid) throws PidFileException {
        try {
            createWithContent(Long.toString(pid));
        } catch (FileAlreadyExistsException e) {
            String owner;
            try {
                owner = Files.readString(path, StandardCharsets.US_ASCII).strip();
            } catch (IOException unreadable) {
                owner = "?";
            }
            throw new PidFileException(owner.matches("\\d+")
                    ? anotherServer(Long.parseLong(owner)).strip()
                    : "Pidfile " + path + " was created by another process while braid was starting");
        } catch (IOException e) {
            throw new PidFileException("Cannot write pidfile " + path + ": " + Problems.describe(e));
        }
    }

    /**
     * Creates the file already holding {@code content}, so that no reader ever
     * sees it empty: the content goes to a temporary file that is then hard-linked
     * into place (a link, unlike a rename, fails if the name exists).
     */
    private void createWithContent(String content) throws IOException {
        Path directory = path.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + path.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            applyUmask(temporary);
            try {
                Files.createLink(path, temporary);
            } catch (UnsupportedOperationException noLinks) {
                Files.writeString(path, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Gives the file the permissions a plain create would have: 0666 less the umask. */
    private static void applyUmask(Path file) {
        try {
            int mask = Posix.umask(0);
            Posix.umask(mask);
            Set<PosixFilePermission> permissions =
                    EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
            int[] values = {02, 04, 020, 040, 0200, 0400};
            for (int i = 0; i < bits.length; i++) {
                if ((values[i] & ~mask) != 0) {
                    permissions.add(bits[i]);
                }
            }
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException | RuntimeException | LinkageError ignored) {
            // keep the temporary file's owner-only permissions
        }
    }

    /**
     * Deletes the file, if it still holds {@code pid}.
     *
     * @param pid the pid this process wrote
     * @return a warning to log when the file could not be deleted (twistd's
     *     "Warning: No permission to delete pid file" after dropping
     *     privileges), or empty when it is gone
     */
    public Optional<String> remove(long pid) {
        try {
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            if (!text.equals(Long.toString(pid))) {
                return Optional.of("Warning: pid file " + path + " now holds " + text + "; left in place");
            }
            Files.delete(path);
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (AccessDeniedException e) {
            return Optional.of("Warning: No permission to delete pid file");
        } catch (IOException e) {
            return Optional.of("Failed to unlink PID file: " + Problems.describe(e));
        }
    }

    @Override
    public String toString() {
        return "PidFile[" + path + "]";
    }
}
