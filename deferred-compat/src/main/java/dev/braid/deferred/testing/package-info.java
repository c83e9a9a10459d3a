/**
 * Twisted trial's helpers for tests of Deferred-returning code
 * ({@link dev.braid.deferred.testing.Trial}).
 */
package dev.braid.deferred.testing;
