/**
 * Internal: the interfaces through which the event loop's package hands its
 * machinery to {@code dev.braid.deferred.internal}, and the holder where it
 * leaves them. JDK types only, so that {@code dev.braid.deferred} can depend on
 * this package while {@code dev.braid.deferred.internal} depends on both,
 * without a package cycle. For Braid's own modules; may change at any time.
 */
package dev.braid.deferred.internal.access;
