package dev.braid.deferred.error;

import java.io.Serial;

/**
 * A connection attempt failed (Twisted's {@code error.ConnectError}).
 * The default message is Twisted's: "An error occurred while connecting."
 */
public class ConnectError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with Twisted's message. */
    public ConnectError() {
        super("An error occurred while connecting.");
    }

    /**
     * Creates the error with a message.
     *
     * @param message what happened
     */
    public ConnectError(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the exception that caused it.
     *
     * @param message what happened
     * @param cause the underlying exception, for example an {@code IOException}
     */
    public ConnectError(String message, Throwable cause) {
        super(message, cause);
    }
}
