/**
 * Internal: the machinery of {@code dev.braid.deferred} that Braid's own
 * modules (web-routes, tcp-services, defer-trace, the launcher) and this
 * module's {@code task} and {@code testing} packages need, and users do not:
 * {@link dev.braid.deferred.internal.LoopInternals} (idle detection,
 * failed-chain tracking, posting that races a loop's end, per-loop helpers)
 * and {@link dev.braid.deferred.internal.DeferredInternals} (a Deferred's
 * state for diagnostics). Public for Java's sake only; may change at any time.
 */
package dev.braid.deferred.internal;
