package dev.braid.web.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a Braid web listener enforces against slow and silent clients,
 * and how many connections it holds ({@link ConnectionGuard} applies them).
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>what happens</th></tr>
 *   <tr><td>{@link Builder#idleTimeout idle}</td><td>30 s</td><td>a connection that sends nothing — a new
 *       one, one between keep-alive requests, an HTTP/2 connection without open streams, or one still
 *       trickling its request line — is closed</td></tr>
 *   <tr><td>{@link Builder#headerTimeout headers}</td><td>20 s</td><td>the header block must be complete
 *       this long after the request line; else the connection is closed (slowloris)</td></tr>
 *   <tr><td>{@link Builder#bodyTimeout body}</td><td>30 s</td><td>a request body that stalls for this long
 *       (no byte arrives) is abandoned and the connection closed</td></tr>
 *   <tr><td>{@link Builder#writeTimeout write}</td><td>30 s</td><td>a response write that makes no progress
 *       for this long (the client does not read) closes the connection</td></tr>
 *   <tr><td>{@link Builder#maxConnections connections}</td><td>3/4 of the file descriptors left at
 *       start, at most one per 32 KiB of maximum heap</td><td>further clients wait in the listen backlog until a connection ends, so the server
 *       never runs out of descriptors by accepting</td></tr>
 * </table>
 *
 * <pre>{@code
 * ServerLimits limits = ServerLimits.builder().headerTimeout(Duration.ofSeconds(10)).build();
 * }</pre>
 *
 * @param idleTimeout how long a connection may send nothing between requests
 * @param headerTimeout how long the headers may take after the request line
 * @param bodyTimeout how long a request body may stall
 * @param writeTimeout how long a response write may make no progress
 * @param maxConnections the cap on open connections per listener; 0 to derive it from the descriptor limit
 *        and the heap
 * @param tick how often the watchdog looks at the connections
 */
public record ServerLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, Duration writeTimeout,
                           int maxConnections, Duration tick) {
    /** Checks the limits. */
    public ServerLimits {
        for (Duration limit : new Duration[] {idleTimeout, headerTimeout, bodyTimeout, writeTimeout, tick}) {
            Objects.requireNonNull(limit, "limits cannot be null");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("limits must be positive, not " + limit);
            }
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections must be >= 0 (0: from the descriptor limit and the heap)");
        }
    }

    /**
     * Returns the defaults.
     *
     * @return 30 s idle, 20 s headers, 30 s body and write, connections from the descriptor limit and the heap
     */
    public static ServerLimits defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the connection cap to configure: the one given, else the smaller
     * of 3/4 of the file descriptors this process has left now and one
     * connection per {@value #HEAP_PER_CONNECTION} bytes of maximum heap (at
     * least 64 either way).
     *
     * @return the cap
     */
    public int effectiveMaxConnections() {
        if (maxConnections > 0) {
            return maxConnections;
        }
        long byHeap = Math.max(64, Runtime.getRuntime().maxMemory() / HEAP_PER_CONNECTION);
        long byDescriptors = DescriptorLimit.current()
                .map(limit -> Math.max(64, (limit.max() - limit.open()) * 3 / 4))
                .orElse(Long.MAX_VALUE);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(byHeap, byDescriptors));
    }

    /**
     * The heap one open connection is budgeted: a request held open costs about
     * 23 KB (the read buffer, the parked virtual thread's stack, Helidon's and
     * Braid's request state), so a flood of connections is left in the listen
     * backlog before it can exhaust the heap (the launcher exits on
     * OutOfMemoryError).
     */
    public static final long HEAP_PER_CONNECTION = 32 * 1024;

    /** Configures {@link ServerLimits}. */
    public static final class Builder {
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration headerTimeout = Duration.ofSeconds(20);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private int maxConnections;
        private Duration tick;

        private Builder() {
        }

        /**
         * Sets how long a connection may send nothing (30 s by default).
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * Sets how long the header block may take after the request line (20 s by default).
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = timeout;
            return this;
        }

        /**
         * Sets how long a request body may stall (30 s by default).
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = timeout;
            return this;
        }

        /**
         * Sets how long a response write may make no progress (30 s by default).
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        /**
         * Caps the open connections of a listener (by default 3/4 of the file
         * descriptors left when the server starts).
         *
         * @param count the cap, at least 1; 0 for the default
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = count;
            return this;
        }

        /**
         * Sets how often the watchdog looks (by default a tenth of the
         * shortest limit, at most one second).
         *
         * @param period the period
         * @return this builder
         */
        public Builder tick(Duration period) {
            this.tick = period;
            return this;
        }

        /**
         * Builds the limits.
         *
         * @return the limits
         * @throws IllegalArgumentException if a limit is not positive
         */
        public ServerLimits build() {
            Duration period = tick;
            if (period == null) {
                Duration shortest = idleTimeout;
                for (Duration limit : new Duration[] {headerTimeout, bodyTimeout, writeTimeout}) {
                    if (limit != null && limit.compareTo(shortest) < 0) {
                        shortest = limit;
                    }
                }
                period = shortest == null ? Duration.ofSeconds(1)
                        : Duration.ofMillis(Math.clamp(shortest.toMillis() / 10, 10, 1000));
            }
            return new ServerLimits(idleTimeout, headerTimeout, bodyTimeout, writeTimeout, maxConnections, period);
        }
    }
}
