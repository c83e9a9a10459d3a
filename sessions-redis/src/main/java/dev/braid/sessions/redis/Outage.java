package dev.braid.sessions.redis;

import dev.braid.web.session.SessionsUnavailableException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether Redis answers, with one log line when an outage starts and one when
 * it ends, however many requests fail in between.
 */
final class Outage {
    private static final Logger LOG = Logger.getLogger(RedisSessions.class.getName());

    private final String target;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private volatile long downSince;

    Outage(String target) {
        this.target = target;
    }

    /**
     * An operation failed because Redis could not be reached: logs the start of
     * an outage, once, and returns the exception for the request.
     */
    SessionsUnavailableException failed(Throwable cause) {
        String reason = reason(cause);
        if (down.compareAndSet(false, true)) {
            downSince = System.nanoTime();
            refused.set(0);
            LOG.log(Level.WARNING, "Redis at " + target + " is unreachable (" + reason + "): requests that need a"
                    + " session get 503 until it is back");
        }
        refused.incrementAndGet();
        return new SessionsUnavailableException("Redis at " + target + " is unreachable: " + reason, cause);
    }

    /**
     * An operation succeeded: logs the end of an outage, once. Only an
     * operation sent after the outage began ends it: a reply to one sent
     * before says nothing about now.
     *
     * @param sent when the operation was sent, in {@link System#nanoTime()}
     */
    void succeeded(long sent) {
        if (down.get() && sent - downSince > 0 && down.compareAndSet(true, false)) {
            double seconds = (System.nanoTime() - downSince) / 1e9;
            LOG.info(String.format("Redis at %s is reachable again after %.1f s (%d session operations refused)",
                    target, seconds, refused.get()));
        }
    }

    /** Whether the last operation failed. */
    boolean isDown() {
        return down.get();
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.strip();
    }
}
