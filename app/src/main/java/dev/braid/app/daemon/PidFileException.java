package dev.braid.app.daemon;

import java.io.Serial;

/**
 * The pid file forbids starting: another server owns it, or it cannot be
 * read, checked or written. The launcher prints the message and exits 1.
 *
 * <pre>{@code
 * try { pidFile.check(); } catch (PidFileException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class PidFileException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the user reads
     */
    public PidFileException(String message) {
        super(message);
    }
}
