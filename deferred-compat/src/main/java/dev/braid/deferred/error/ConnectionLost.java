package dev.braid.deferred.error;

import java.io.Serial;

/**
 * The connection was lost in a non-clean fashion (Twisted's {@code error.ConnectionLost}, after a reset or an I/O error).
 * The default message is Twisted's: "Connection to the other side was lost in a non-clean fashion."
 */
public class ConnectionLost extends ConnectionClosed {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with Twisted's message. */
    public ConnectionLost() {
        super("Connection to the other side was lost in a non-clean fashion.");
    }

    /**
     * Creates the error with a message.
     *
     * @param message what happened
     */
    public ConnectionLost(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the exception that caused it.
     *
     * @param message what happened
     * @param cause the underlying exception, for example an {@code IOException}
     */
    public ConnectionLost(String message, Throwable cause) {
        super(message, cause);
    }
}
