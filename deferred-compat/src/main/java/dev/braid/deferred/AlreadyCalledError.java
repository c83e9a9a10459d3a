package dev.braid.deferred;

import java.io.Serial;

/**
 * Raised by {@link Deferred#callback} or {@link Deferred#errback} on a Deferred
 * that has already been fired (Twisted's {@code defer.AlreadyCalledError}). The
 * message is empty unless {@link Deferred#setDebugging debugging} is on, in
 * which case it names where the Deferred was created and first fired.
 */
public class AlreadyCalledError extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error with no message. */
    public AlreadyCalledError() {
        super();
    }

    /**
     * Creates the error with a message.
     *
     * @param message the debugging details
     */
    public AlreadyCalledError(String message) {
        super(message);
    }
}
