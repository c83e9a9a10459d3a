package dev.braid.deferred;

import java.io.Serial;

/**
 * The failure of a {@link Deferred} that was cancelled before it had a result
 * (Twisted's {@code defer.CancelledError}). Its message is empty, as in Twisted.
 */
public class CancelledError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error, with no message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates the error with a message, for callers that know why.
     *
     * @param message why the work was cancelled
     */
    public CancelledError(String message) {
        super(message);
    }
}
