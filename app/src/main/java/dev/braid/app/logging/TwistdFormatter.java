package dev.braid.app.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats log records as twistd writes its log: one line per record,
 * {@code <time> [<system>] <message>}, with the time in RFC 3339 form and the
 * local offset ({@code 2026-11-22T10:53:01+0000}).
 *
 * <p>The system tag is {@code [logger#level]}, as Twisted's new-style loggers
 * print {@code [namespace#info]}; records of the {@link #LEGACY_LOGGER} (and of
 * the anonymous logger) print {@code [-]}, as Twisted's {@code log.msg} does.
 * Levels map to Twisted's names: FINE and below {@code debug}, INFO
 * {@code info}, WARNING {@code warn}, SEVERE {@code error}. A message or
 * stack trace that spans several lines continues on lines that start with a
 * tab, as in Twisted's classic text format, so every record still begins
 * with a time stamp.
 *
 * <pre>{@code
 * handler.setFormatter(new TwistdFormatter());
 * // 2026-11-22T10:53:01+0000 [-] Received SIGTERM, shutting down.
 * }</pre>
 */
public final class TwistdFormatter extends Formatter {
    /** Records of this logger get the system tag {@code [-]}. */
    public static final String LEGACY_LOGGER = "-";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

    private final ZoneId zone;

    /** The time stamp of one second, formatted once and shared by the records logged in that second. */
    private record Stamp(long second, String text) {
    }

    private volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    /** Creates a formatter for the system's time zone. */
    public TwistdFormatter() {
        this(ZoneId.systemDefault());
    }

    /**
     * Creates a formatter for a given time zone.
     *
     * @param zone the zone whose offset the time stamps carry
     */
    public TwistdFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(96);
        line.append(stamp(record.getMillis())).append(" [").append(system(record)).append("] ");
        String message = formatMessage(record);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            message = (message == null || message.isEmpty() ? "" : message + "\n") + trace.toString().stripTrailing();
        }
        appendIndented(line, message == null ? "" : message.stripTrailing());
        return line.append('\n').toString();
    }

    private String stamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        Stamp stamp = lastStamp;
        if (stamp.second() != second) {
            stamp = new Stamp(second, TIME.format(Instant.ofEpochSecond(second).atZone(zone)));
            lastStamp = stamp;
        }
        return stamp.text();
    }

    private static void appendIndented(StringBuilder line, String message) {
        if (message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            line.append(message);   // one line, the common case
            return;
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '\r') {
                continue;
            }
            line.append(c);
            if (c == '\n') {
                line.append('\t');
            }
        }
    }

    /**
     * Returns the system tag of a record, without brackets.
     *
     * @param record the record
     * @return {@code "-"} or {@code "logger#level"}
     */
    static String system(LogRecord record) {
        String logger = record.getLoggerName();
        if (logger == null || logger.isEmpty() || logger.equals(LEGACY_LOGGER)) {
            return "-";
        }
        return logger + "#" + levelName(record.getLevel());
    }

    /**
     * Returns Twisted's name for a JUL level.
     *
     * @param level the level
     * @return debug, info, warn, error or critical
     */
    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.OFF.intValue()) {
            return "critical";
        }
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }
}
