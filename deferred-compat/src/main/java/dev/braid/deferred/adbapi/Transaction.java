package dev.braid.deferred.adbapi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What an {@link Interaction} works with (Twisted's cursor in
 * {@code runInteraction}): statements on one connection inside one
 * transaction, each with the pool's query timeout. Use it only on the
 * interaction's thread, and only while the interaction runs.
 */
public final class Transaction {
    private final Connection connection;
    private final Duration queryTimeout;

    Transaction(Connection connection, Duration queryTimeout) {
        this.connection = connection;
        this.queryTimeout = queryTimeout;
    }

    /**
     * Runs a query.
     *
     * @param sql the SQL, with {@code ?} for each argument
     * @param args the arguments, bound in order
     * @return the rows
     * @throws SQLException what the database said
     */
    public List<Row> query(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet results = statement.executeQuery()) {
            return Rows.readAll(results);
        }
    }

    /**
     * Runs an INSERT, UPDATE, DELETE or DDL statement.
     *
     * @param sql the SQL, with {@code ?} for each argument
     * @param args the arguments, bound in order
     * @return the number of rows changed (0 for DDL)
     * @throws SQLException what the database said
     */
    public int execute(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args)) {
            return statement.executeUpdate();
        }
    }

    /**
     * The connection itself, for what the two methods above cannot do. Do not
     * close it, commit or roll back: the pool does that.
     *
     * @return the connection
     */
    public Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            if (!queryTimeout.isZero()) {
                statement.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
            }
            Rows.bind(statement, args);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
