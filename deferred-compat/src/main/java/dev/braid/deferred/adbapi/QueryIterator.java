package dev.braid.deferred.adbapi;

import dev.braid.deferred.flow.Flow;
import dev.braid.deferred.flow.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A query's rows as a threaded flow stage (twisted.flow's
 * {@code QueryIterator}): the query runs, and its rows are read, on the
 * stage's own virtual thread with a pooled connection; the flow pulls the
 * rows as they come, through a bounded buffer, so a large result never sits
 * in memory whole. The connection goes back to the pool when the rows end,
 * fail, or the flow is closed early.
 *
 * <pre>{@code
 * Stage<Row> rows = QueryIterator.of(pool,
 *         "SELECT 'one' UNION ALL SELECT 'two' UNION ALL SELECT 'three'");
 * Flow.deferred(rows.map(row -> row.get(0)));   // [one, two, three]
 * }</pre>
 *
 * <p>A database error fails the flow with a {@link DatabaseError} carrying
 * the driver's SQLException.
 */
public final class QueryIterator {
    private QueryIterator() {
    }

    /**
     * Returns a stage of the rows of a query.
     *
     * @param pool where the connection comes from
     * @param sql the query, with {@code ?} for each argument
     * @param args the arguments
     * @return the stage; the query runs when the flow first pulls it
     */
    public static Stage<Row> of(ConnectionPool pool, String sql, Object... args) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(sql, "sql");
        Object[] arguments = args.clone();
        return Flow.threaded(() -> new Cursor(pool, sql, arguments));
    }

    /** The rows of one run of the query; closing it gives the connection back. */
    private static final class Cursor implements Iterator<Row>, AutoCloseable {
        private final ConnectionPool pool;
        private final Connection connection;
        private PreparedStatement statement;
        private ResultSet results;
        private Rows rows;
        private Boolean hasNext;
        private boolean failed;
        private boolean closed;

        Cursor(ConnectionPool pool, String sql, Object[] args) {
            this.pool = pool;
            try {
                this.connection = pool.take();
            } catch (SQLException e) {
                throw new DatabaseError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a database connection", e);
            }
            try {
                statement = new Transaction(connection, Duration.ZERO).prepare(sql, args);
                results = statement.executeQuery();
                rows = Rows.of(results);
            } catch (SQLException e) {
                failed = true;
                close();
                throw new DatabaseError(e);
            }
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = !closed && results.next();
                } catch (SQLException e) {
                    failed = true;
                    close();
                    throw new DatabaseError(e);
                }
                if (!hasNext) {
                    close();
                }
            }
            return hasNext;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            try {
                return rows.current(results);
            } catch (SQLException e) {
                failed = true;
                close();
                throw new DatabaseError(e);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (results != null) {
                    results.close();
                }
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException e) {
                failed = true;
            } finally {
                pool.giveBack(connection, failed);
            }
        }
    }
}
