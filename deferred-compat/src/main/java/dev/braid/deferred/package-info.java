/**
 * Twisted's Deferred and reactor for plain Java: {@link dev.braid.deferred.Deferred}
 * and {@link dev.braid.deferred.Failure}, the {@link dev.braid.deferred.EventLoop}
 * (one per request, connection or application) and the deterministic
 * {@link dev.braid.deferred.Clock}, {@link dev.braid.deferred.Threads#deferToThread}
 * over the loop's {@code StructuredTaskScope}, and the helpers of
 * {@code twisted.internet.defer} in {@link dev.braid.deferred.Deferreds} and
 * {@link dev.braid.deferred.DeferredList}.
 *
 * <p>This package depends on the JDK only. It uses the JDK 25 preview API
 * {@code StructuredTaskScope} when the JVM runs with {@code --enable-preview},
 * and plain virtual threads with the same behaviour otherwise.
 */
package dev.braid.deferred;
