package dev.braid.deferred;

import java.io.Serial;

/**
 * The failure of a Deferred that {@link Deferred#addTimeout timed out}
 * (Twisted's {@code defer.TimeoutError(timeout, "Deferred")}). Its message is
 * Twisted's {@code str()}: {@code "(5, 'Deferred')"}.
 */
public class TimeoutError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final double timeout;

    /**
     * Creates the error for a Deferred that did not fire within {@code timeout}.
     *
     * @param timeout the timeout in seconds
     */
    public TimeoutError(double timeout) {
        super("(" + formatSeconds(timeout) + ", 'Deferred')");
        this.timeout = timeout;
    }

    /**
     * Returns the timeout that elapsed.
     *
     * @return seconds
     */
    public double timeout() {
        return timeout;
    }

    static String formatSeconds(double seconds) {
        return seconds == Math.rint(seconds) && !Double.isInfinite(seconds)
                ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
