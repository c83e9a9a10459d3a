package dev.braid.deferred.error;

import java.io.Serial;

/**
 * The other side closed the connection cleanly (Twisted's {@code error.ConnectionDone}, after a FIN).
 * The default message is Twisted's: "Connection was closed cleanly."
 */
public class ConnectionDone extends ConnectionClosed {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with Twisted's message. */
    public ConnectionDone() {
        super("Connection was closed cleanly.");
    }

    /**
     * Creates the error with a message.
     *
     * @param message what happened
     */
    public ConnectionDone(String message) {
        super(message);
    }

    /**
     * Creates the error with a message and the exception that caused it.
     *
     * @param message what happened
     * @param cause the underlying exception, for example an {@code IOException}
     */
    public ConnectionDone(String message, Throwable cause) {
        super(message, cause);
    }
}
