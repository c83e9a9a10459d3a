package dev.braid.app.options;

import java.io.Serial;

/**
 * The command line (or a deployment file's options) is wrong: an unknown
 * option, a missing or malformed value. The launcher prints the message and
 * the usage text and exits with status 2.
 *
 * <p>twistd prints the same kind of message but exits 0; braid's non-zero
 * status lets scripts and service managers notice the mistake.
 *
 * <pre>{@code
 * throw new UsageError("--port: 'http' is not a port number");
 * }</pre>
 */
public final class UsageError extends Exception {
    /** The exit status of a command that stops on a usage error. */
    public static final int EXIT_STATUS = 2;

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong, naming the option
     */
    public UsageError(String message) {
        super(message);
    }
}
