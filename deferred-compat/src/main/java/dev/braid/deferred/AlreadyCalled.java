package dev.braid.deferred;

import java.io.Serial;

/**
 * Raised when a {@link DelayedCall} that has already run is cancelled, reset or
 * delayed (Twisted's {@code error.AlreadyCalled}).
 */
public class AlreadyCalled extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message Twisted's message, e.g. "Tried to cancel an already-called event."
     */
    public AlreadyCalled(String message) {
        super(message);
    }
}
