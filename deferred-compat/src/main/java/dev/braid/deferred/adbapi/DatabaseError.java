package dev.braid.deferred.adbapi;

import java.sql.SQLException;

/**
 * An SQLException met where a checked exception cannot go (a
 * {@link QueryIterator}'s rows); its message is the database's.
 */
public final class DatabaseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseError(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * The database's exception.
     *
     * @return the SQLException
     */
    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
