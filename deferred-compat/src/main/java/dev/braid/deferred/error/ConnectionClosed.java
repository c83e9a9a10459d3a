package dev.braid.deferred.error;

import java.io.Serial;

/**
 * The connection ended (Twisted's {@code error.ConnectionClosed}): the base of {@link ConnectionDone} and {@link ConnectionLost}.
 * The default message is Twisted's: "Connection was closed."
 */
public class ConnectionClosed extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with Twisted's message. */
    public ConnectionClosed() {
        super("Connection was closed.");
    }

    /**
     * Creates the error with a message.
     *
     * @param message what happened
     */
    public ConnectionClosed(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the exception that caused it.
     *
     * @param message what happened
     * @param cause the underlying exception, for example an {@code IOException}
     */
    public ConnectionClosed(String message, Throwable cause) {
        super(message, cause);
    }
}
