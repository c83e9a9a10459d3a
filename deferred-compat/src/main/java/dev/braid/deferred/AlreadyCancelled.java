package dev.braid.deferred;

import java.io.Serial;

/**
 * Raised when a {@link DelayedCall} that has been cancelled is cancelled,
 * reset or delayed again (Twisted's {@code error.AlreadyCancelled}).
 */
public class AlreadyCancelled extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message Twisted's message, e.g. "Tried to cancel an already-cancelled event."
     */
    public AlreadyCancelled(String message) {
        super(message);
    }
}
