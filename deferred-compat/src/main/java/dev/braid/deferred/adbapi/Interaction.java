package dev.braid.deferred.adbapi;

/**
 * The body of {@link ConnectionPool#runInteraction}: blocking JDBC work done
 * in one transaction on a pooled connection, on its own virtual thread.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface Interaction<T> {
    /**
     * Does the work. Returning commits; throwing rolls back and fails the
     * Deferred with the very exception thrown.
     *
     * @param transaction the transaction
     * @return the result
     * @throws Exception anything, usually an SQLException
     */
    T run(Transaction transaction) throws Exception;
}
