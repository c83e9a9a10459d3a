package dev.braid.app.problems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Words failures for the command line and the log's one-line messages:
 * the first message found along the cause chain (skipping wrappers whose
 * message is only their cause's {@code toString()}), with file-system errors
 * spelled out ("permission denied: /run/braid.pid" rather than the bare path
 * the JDK gives). A Java class name appears only when no exception in the
 * chain carries a message — a bug, whose stack trace is in the log.
 *
 * <pre>{@code
 * err.println("braid: " + Problems.describe(e));
 * }</pre>
 */
public final class Problems {
    private Problems() {
    }

    /**
     * Returns what went wrong, in words.
     *
     * @param error the failure
     * @return one line, never null
     */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FileSystemException files) {
                return fileProblem(files);
            }
            String message = t.getMessage();
            boolean wrapper = t.getCause() != null && String.valueOf(t.getCause()).equals(message);
            if (message != null && !message.isBlank() && !wrapper) {
                return message.strip();
            }
        }
        return "unexpected " + error.getClass().getSimpleName() + " (see the log)";
    }

    /**
     * Returns whether a failure comes from the operating system (a port in use,
     * a file that cannot be read) rather than from a bug: such failures are
     * reported in one line, without a stack trace.
     *
     * @param error the failure
     * @return true when an I/O error is in its cause chain
     */
    public static boolean fromEnvironment(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String fileProblem(FileSystemException e) {
        String file = e.getFile() == null ? "" : e.getFile();
        String what = switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or directory";
            case FileAlreadyExistsException exists -> "file exists";
            case NotDirectoryException notDirectory -> "not a directory";
            default -> e.getReason() == null ? "cannot use" : e.getReason();
        };
        return what + ": " + file + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile());
    }
}
