package dev.braid.deferred.log;

import dev.braid.deferred.Failure;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Twisted's classic logging calls ({@code twisted.python.log.msg} and
 * {@code log.err}) over {@link java.util.logging}. Messages go to the logger
 * named {@value #LEGACY_LOGGER}, which the {@code braid} launcher prints with
 * twistd's {@code [-]} system tag; configure handlers and levels with the usual
 * JUL tools.
 *
 * <pre>{@code
 * Log.msg("Poetry server listening on " + port);
 * d.addErrback(f -> { Log.err(f, "poem download failed"); return null; });
 * }</pre>
 */
public final class Log {
    /** The logger name of {@link #msg} and {@link #err}: twistd's system tag {@code -}. */
    public static final String LEGACY_LOGGER = "-";

    private static final Logger LOGGER = Logger.getLogger(LEGACY_LOGGER);

    private Log() {
    }

    /**
     * Logs an informational message.
     *
     * @param message the text; several lines are fine
     */
    public static void msg(String message) {
        LOGGER.log(Level.INFO, message);
    }

    /**
     * Logs a failure with its traceback, after {@code why} when given
     * (Twisted's {@code log.err(failure, why)}), at SEVERE.
     *
     * @param failure what went wrong
     * @param why a short explanation, or null
     */
    public static void err(Failure failure, String why) {
        String text = failure.getTraceback().stripTrailing();
        LOGGER.log(Level.SEVERE, why == null || why.isEmpty() ? text : why + "\n" + text);
    }

    /**
     * Logs an exception with its stack trace, after {@code why} when given.
     *
     * @param error what went wrong
     * @param why a short explanation, or null
     */
    public static void err(Throwable error, String why) {
        err(new Failure(error), why);
    }

    /**
     * Logs a failure and returns it, for use as an errback that keeps the
     * chain failing (Twisted's {@code defer.logError}).
     *
     * @param failure what went wrong
     * @return the same failure
     */
    public static Failure logError(Failure failure) {
        err(failure, null);
        return failure;
    }
}
