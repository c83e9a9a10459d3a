package dev.braid.deferred.adbapi;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Threads;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A bounded pool of JDBC connections whose work returns Deferreds (Twisted's
 * {@code adbapi.ConnectionPool}). Each call runs on its own virtual thread
 * (through {@link Threads#deferToThread}, so its Deferred fires on the
 * caller's loop) with a connection taken from the pool, in one transaction.
 *
 * <pre>{@code
 * ConnectionPool pool = ConnectionPool.builder("jdbc:h2:mem:poems").min(1).max(8).build();
 * pool.runOperation("CREATE TABLE poem (id INT PRIMARY KEY, title VARCHAR(80))");
 * pool.runQuery("SELECT title FROM poem WHERE id = ?", 1)
 *     .addCallback(rows -> rows.isEmpty() ? "none" : rows.getFirst().get("title"));
 * pool.runInteraction(tx -> {                       // commit on return, rollback on throw
 *     tx.execute("INSERT INTO poem VALUES (?, ?)", 2, "Ecstasy");
 *     return tx.query("SELECT COUNT(*) FROM poem").getFirst().get(0);
 * });
 * }</pre>
 *
 * <ul>
 *   <li>At most {@code max} connections exist; a call waits up to
 *       {@code maxWait} for one and otherwise fails with
 *       {@link PoolExhaustedError}. {@code min} are opened by {@link Builder#build()}.</li>
 *   <li>Every statement gets the pool's query timeout.</li>
 *   <li>SQL errors fail the Deferred with the driver's own SQLException (the
 *       database's message). After a failed call the connection is checked with
 *       {@link Connection#isValid}, and closed and replaced if it is broken.</li>
 *   <li>After {@link #close()}, calls fail with IllegalStateException; idle
 *       connections are closed at once, busy ones when their call ends.</li>
 * </ul>
 *
 * <p>Where it differs from Twisted: Twisted's pool runs on a thread pool of
 * at most {@code cp_max} threads; here each call has its own virtual thread
 * and only the connections are bounded, so waiting calls cost almost nothing.
 * {@code runOperation} returns the update count where Twisted returns None.
 */
public final class ConnectionPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionPool.class.getName());
    private static final int VALIDATION_SECONDS = 2;

    /** Opens a new connection. */
    @FunctionalInterface
    private interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final int max;
    private final Duration maxWait;
    private final Duration queryTimeout;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private ConnectionPool(Builder builder) {
        this.opener = builder.opener;
        this.max = builder.max;
        this.maxWait = builder.maxWait;
        this.queryTimeout = builder.queryTimeout;
        this.permits = new Semaphore(builder.max, true);
    }

    /**
     * Starts a pool of connections to a JDBC URL.
     *
     * @param jdbcUrl e.g. {@code jdbc:h2:mem:test} or {@code jdbc:postgresql://host/db}
     * @return the builder
     */
    public static Builder builder(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return new Builder(jdbcUrl, null);
    }

    /**
     * Starts a pool of connections from a DataSource.
     *
     * @param dataSource the source
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(null, dataSource);
    }

    /**
     * Runs a query (Twisted's {@code runQuery}).
     *
     * @param sql the SQL, with {@code ?} for each argument
     * @param args the arguments
     * @return a Deferred of the rows
     */
    public Deferred<List<Row>> runQuery(String sql, Object... args) {
        return runInteraction(tx -> tx.query(sql, args));
    }

    /**
     * Runs a statement that returns no rows (Twisted's {@code runOperation}).
     *
     * @param sql the SQL, with {@code ?} for each argument
     * @param args the arguments
     * @return a Deferred of the update count
     */
    public Deferred<Integer> runOperation(String sql, Object... args) {
        return runInteraction(tx -> tx.execute(sql, args));
    }

    /**
     * Runs {@code interaction} in one transaction on a pooled connection
     * (Twisted's {@code runInteraction}): committed if it returns, rolled back
     * if it throws, the Deferred failing with what it threw.
     *
     * @param interaction the blocking work
     * @param <T> its result type
     * @return a Deferred of its result
     */
    public <T> Deferred<T> runInteraction(Interaction<T> interaction) {
        Objects.requireNonNull(interaction, "interaction");
        if (closed) {
            return Deferreds.fail(new IllegalStateException("the connection pool is closed"));
        }
        return Threads.deferToThread(() -> inTransaction(interaction));
    }

    /**
     * Returns how many connections are open and idle now.
     *
     * @return the count
     */
    public int idleCount() {
        return idle.size();
    }

    /**
     * Returns how many calls could take a connection at once right now.
     *
     * @return free permits, up to {@code max}
     */
    public int available() {
        return permits.availablePermits();
    }

    /**
     * Returns the most connections this pool opens.
     *
     * @return max
     */
    public int max() {
        return max;
    }

    /** Closes the idle connections and refuses new calls; busy connections close when their call ends. */
    @Override
    public void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            closeQuietly(connection);
        }
    }

    // ------------------------------------------------------------------ one call

    private <T> T inTransaction(Interaction<T> interaction) throws Exception {
        Connection connection = acquire();
        boolean healthy = true;
        try {
            connection.setAutoCommit(false);
            T result = interaction.run(new Transaction(connection, queryTimeout));
            connection.commit();
            return result;
        } catch (Throwable failure) {
            healthy = rollback(connection, failure);
            throw failure;
        } finally {
            release(connection, healthy);
        }
    }

    /** Takes a connection for a {@link QueryIterator}; give it back with {@link #giveBack}. */
    Connection take() throws SQLException, InterruptedException {
        return acquire();
    }

    /** Returns a connection taken with {@link #take()}, checking it if its query failed. */
    void giveBack(Connection connection, boolean failed) {
        release(connection, !failed || isValid(connection));
    }

    /** Rolls back after a failed interaction; returns whether the connection still looks usable. */
    private static boolean rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
            return !(failure instanceof SQLException) || isValid(connection);
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
            return false;
        }
    }

    private Connection acquire() throws SQLException, InterruptedException {
        if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new PoolExhaustedError("no database connection became free within " + maxWait.toMillis()
                    + " ms (all " + max + " in use)");
        }
        try {
            if (closed) {
                throw new IllegalStateException("the connection pool is closed");
            }
            Connection pooled = idle.pollFirst();
            return pooled != null ? pooled : opener.open();
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    private void release(Connection connection, boolean healthy) {
        try {
            if (healthy && !closed) {
                try {
                    connection.setAutoCommit(true);
                    idle.addFirst(connection);
                    return;
                } catch (SQLException broken) {
                    LOG.log(Level.FINE, "a pooled connection failed to reset; replacing it", broken);
                }
            }
            closeQuietly(connection);
        } finally {
            permits.release();
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing a pooled connection failed", e);
        }
    }

    /** Configures a pool. */
    public static final class Builder {
        private final Opener opener;
        private int min = 1;
        private int max = 5;
        private Duration maxWait = Duration.ofSeconds(30);
        private Duration queryTimeout = Duration.ofSeconds(30);

        private Builder(String jdbcUrl, DataSource dataSource) {
            this.opener = jdbcUrl != null ? () -> DriverManager.getConnection(jdbcUrl) : dataSource::getConnection;
        }

        /**
         * Connections opened by {@link #build()} (Twisted's {@code cp_min}; default 1).
         *
         * @param count at least 0, at most max
         * @return this builder
         */
        public Builder min(int count) {
            this.min = count;
            return this;
        }

        /**
         * The most connections open at once (Twisted's {@code cp_max}; default 5).
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder max(int count) {
            this.max = count;
            return this;
        }

        /**
         * How long a call waits for a free connection before failing (default 30 s).
         *
         * @param wait the wait, not negative
         * @return this builder
         */
        public Builder maxWait(Duration wait) {
            this.maxWait = Objects.requireNonNull(wait, "wait");
            return this;
        }

        /**
         * The timeout of every statement, rounded up to seconds; zero for none (default 30 s).
         *
         * @param timeout the timeout, not negative
         * @return this builder
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Opens {@code min} connections and returns the pool. Blocking: call it
         * at start-up, not on a loop that serves requests.
         *
         * @return the pool
         * @throws SQLException if a connection cannot be opened
         * @throws IllegalArgumentException if the sizes or durations make no sense
         */
        public ConnectionPool build() throws SQLException {
            if (max < 1 || min < 0 || min > max) {
                throw new IllegalArgumentException("need 0 <= min <= max and max >= 1, got min " + min
                        + ", max " + max);
            }
            if (maxWait.isNegative() || queryTimeout.isNegative()) {
                throw new IllegalArgumentException("durations cannot be negative");
            }
            ConnectionPool pool = new ConnectionPool(this);
            try {
                for (int i = 0; i < min; i++) {
                    pool.idle.add(opener.open());
                }
            } catch (SQLException e) {
                pool.close();
                throw e;
            }
            return pool;
        }
    }
}
