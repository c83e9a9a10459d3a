package dev.braid.web.server;

import dev.braid.deferred.log.RateLimitedLog;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread for the whole process that looks at every guarded connection
 * a few times per second and kills those stuck past a limit: headers that
 * never end, a body that stalls, a response the client does not read. A scan
 * only reads a few volatile fields per connection, so 10,000 connections
 * cost little. Closed connections are logged at a bounded rate.
 */
final class ConnectionWatchdog {
    private static final Logger LOG = Logger.getLogger(ConnectionWatchdog.class.getName());

    static final ConnectionWatchdog INSTANCE = new ConnectionWatchdog();

    private final Set<GuardedConnection> connections = ConcurrentHashMap.newKeySet();
    private final RateLimitedLog closures = new RateLimitedLog(LOG, Level.INFO, Duration.ofMinutes(1));
    private final AtomicLong killed = new AtomicLong();
    private volatile Thread thread;

    private ConnectionWatchdog() {
    }

    void watch(GuardedConnection connection) {
        connections.add(connection);
        if (thread == null) {
            start();
        }
    }

    void forget(GuardedConnection connection) {
        connections.remove(connection);
    }

    /**
     * Returns how many connections the watchdog has closed since the process started.
     *
     * @return the count
     */
    long killed() {
        return killed.get();
    }

    private synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("braid-connection-watchdog").start(this::run);
        }
    }

    private void run() {
        while (true) {
            long period = Duration.ofSeconds(1).toNanos();
            try {
                for (GuardedConnection connection : connections) {
                    period = Math.min(period, connection.limits().tick().toNanos());
                }
                check(System.nanoTime());
                closures.flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection watchdog", e);
            }
            LockSupport.parkNanos(period);
        }
    }

    /** Kills every connection past a limit at {@code now}. */
    void check(long now) {
        for (GuardedConnection connection : connections) {
            Optional<String> overdue = connection.overdue(now, connection.limits());
            if (overdue.isPresent()) {
                String reason = overdue.get();
                connection.kill(reason);
                if (reason.equals(GuardedConnection.LINGERED)) {
                    continue;   // a polite close, not a limit passed
                }
                killed.incrementAndGet();
                closures.record(reason, () -> "Closed the connection of " + connection.peer() + ": " + reason
                        + " (limits: " + describe(connection.limits()) + ")");
            }
        }
    }

    private static String describe(ServerLimits limits) {
        return "headers " + limits.headerTimeout().toMillis() + " ms, body " + limits.bodyTimeout().toMillis()
                + " ms, write " + limits.writeTimeout().toMillis() + " ms";
    }
}
