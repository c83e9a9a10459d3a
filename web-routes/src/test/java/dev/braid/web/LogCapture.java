package dev.braid.web;

import io.helidon.logging.common.LogConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects log messages of one logger tree and waits for one to appear (no sleeps). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Semaphore arrivals = new Semaphore(0);

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    static LogCapture of(String loggerName) {
        // read logging-test.properties now: done later, at the first server's start, it would drop this handler
        LogConfig.configureRuntime();
        return new LogCapture(Logger.getLogger(loggerName));
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getMessage());
        arrivals.release();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits (bounded) until a message matches; returns it. */
    String await(Predicate<String> matcher, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            for (String message : messages) {
                if (matcher.test(message)) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching log message in " + atMost + "; got " + messages);
            }
            arrivals.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
