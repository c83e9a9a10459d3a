package dev.braid.deferred.error;

import java.io.Serial;

/**
 * Nobody listens at the address (Twisted's {@code error.ConnectionRefusedError}).
 * The default message is Twisted's: "Connection was refused by other side."
 */
public class ConnectionRefusedError extends ConnectError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with Twisted's message. */
    public ConnectionRefusedError() {
        super("Connection was refused by other side.");
    }

    /**
     * Creates the error with a message.
     *
     * @param message what happened
     */
    public ConnectionRefusedError(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the exception that caused it.
     *
     * @param message what happened
     * @param cause the underlying exception, for example an {@code IOException}
     */
    public ConnectionRefusedError(String message, Throwable cause) {
        super(message, cause);
    }
}
