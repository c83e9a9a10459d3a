package dev.braid.deferred.error;

import java.io.Serial;

/**
 * A connection attempt did not finish in time (Twisted's {@code error.TimeoutError}, renamed so it cannot be confused with the Deferred timeout).
 * The default message is Twisted's: "User timeout caused connection failure."
 */
public class ConnectingTimeoutError extends ConnectError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with Twisted's message. */
    public ConnectingTimeoutError() {
        super("User timeout caused connection failure.");
    }

    /**
     * Creates the error with a message.
     *
     * @param message what happened
     */
    public ConnectingTimeoutError(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the exception that caused it.
     *
     * @param message what happened
     * @param cause the underlying exception, for example an {@code IOException}
     */
    public ConnectingTimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
