/**
 * Twisted trial's helpers for tests of Deferred-returning code
 * ({@link dev.braid.deferred.testing.Trial}): synchronous inspection of a
 * Deferred driven by a {@link dev.braid.deferred.Clock}, and
 * {@code runDeferred} for a test whose body returns a Deferred. No test
 * framework is needed: failures are {@link java.lang.AssertionError}s.
 */
package dev.braid.deferred.testing;
