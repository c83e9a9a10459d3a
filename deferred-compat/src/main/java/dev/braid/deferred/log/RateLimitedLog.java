package dev.braid.deferred.log;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs events that can come by the thousand (an attack, a flood, a resource
 * running out) at a bounded rate: the first event of a quiet period is logged
 * in full, the ones that follow within the period are only counted, and one
 * summary line per period says how many of each kind there were. So 130,000
 * evictions make a handful of lines, each with its count. Thread-safe.
 *
 * <pre>{@code
 * RateLimitedLog evictions = new RateLimitedLog(LOG, Level.WARNING, Duration.ofMinutes(1));
 * evictions.record("evicted", () -> "Session store full: evicted " + uid);
 * }</pre>
 */
public final class RateLimitedLog {
    private final Logger logger;
    private final Level level;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> counted = new TreeMap<>();
    private long periodStart;
    private boolean inPeriod;

    /**
     * Creates a log that writes at most one summary per period.
     *
     * @param logger where lines go
     * @param level their level
     * @param period the period
     */
    public RateLimitedLog(Logger logger, Level level, java.time.Duration period) {
        this(logger, level, period, System::nanoTime);
    }

    /**
     * Creates a log with its own time source (tests).
     *
     * @param logger where lines go
     * @param level their level
     * @param period the period
     * @param nanoTime the time source, in nanoseconds
     */
    public RateLimitedLog(Logger logger, Level level, java.time.Duration period, LongSupplier nanoTime) {
        this.logger = Objects.requireNonNull(logger);
        this.level = Objects.requireNonNull(level);
        this.periodNanos = period.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /**
     * Records one event: logged in full if none was logged in the current
     * period, else counted for the period's summary.
     *
     * @param kind what happened, the summary's key (for example "header timeout")
     * @param message the full line, made only when it is logged
     */
    public void record(String kind, Supplier<String> message) {
        String line = null;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            String summary = summaryIfOver(now);
            if (summary != null) {
                logger.log(level, summary);
            }
            if (!inPeriod) {
                inPeriod = true;
                periodStart = now;
                line = message.get();
            } else {
                counted.merge(kind, 1L, Long::sum);
            }
        }
        if (line != null) {
            logger.log(level, line);
        }
    }

    /** Logs the summary of a period that has ended, if there is one; a timer may call this. */
    public void flush() {
        String summary;
        synchronized (this) {
            summary = summaryIfOver(nanoTime.getAsLong());
        }
        if (summary != null) {
            logger.log(level, summary);
        }
    }

    /**
     * Returns how many events are counted in the current period and not yet summarized.
     *
     * @return the count
     */
    public synchronized long pending() {
        return counted.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Ends the period if it is over and returns its summary, or null when there is nothing to say. */
    private String summaryIfOver(long now) {
        if (!inPeriod || now - periodStart < periodNanos) {
            return null;
        }
        inPeriod = false;
        if (counted.isEmpty()) {
            return null;
        }
        long total = 0;
        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<String, Long> entry : counted.entrySet()) {
            total += entry.getValue();
            kinds.append(kinds.isEmpty() ? "" : ", ").append(entry.getValue()).append(' ').append(entry.getKey());
        }
        counted.clear();
        return "... and " + total + " more in " + (periodNanos / 1_000_000_000L) + " s: " + kinds;
    }
}
