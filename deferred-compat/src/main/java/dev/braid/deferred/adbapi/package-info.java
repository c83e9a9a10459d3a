/**
 * Databases without blocking the loop (Twisted's {@code twisted.enterprise.adbapi}):
 * a bounded JDBC {@link dev.braid.deferred.adbapi.ConnectionPool} whose
 * queries, operations and transactions each run on a virtual thread with a
 * pooled connection and return Deferreds that fire on the caller's loop, and
 * {@link dev.braid.deferred.adbapi.QueryIterator}, a query's rows as a
 * threaded flow stage. Any JDBC driver works (H2 embedded, PostgreSQL by URL);
 * this package needs only {@code java.sql}.
 */
package dev.braid.deferred.adbapi;
