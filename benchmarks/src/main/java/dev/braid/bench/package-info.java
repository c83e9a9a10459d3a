/**
 * Braid's micro-benchmarks (JMH) and the baseline servers that
 * {@code bench/run.sh} measures Braid against.
 *
 * <p>The JMH classes compare the Deferred machinery with the JDK's own tools
 * doing the same work: {@link dev.braid.bench.CallbackChainBenchmark} (a
 * ten-stage chain on a Deferred and on a CompletableFuture, and a chain of
 * already-fired Deferreds), {@link dev.braid.bench.ThreadHopBenchmark}
 * ({@code deferToThread} round trips against forking a virtual thread),
 * {@link dev.braid.bench.DeferredListBenchmark} (a DeferredList of 100) and
 * {@link dev.braid.bench.SessionLookupBenchmark} (a Site's session lookup).
 * {@code bench/jmh.sh} builds and runs them with JMH's allocation profiler.
 * {@link dev.braid.bench.AllocationsPerRequest} counts, class by class and
 * exactly, what a Site request allocates.
 *
 * <p>{@link dev.braid.bench.RawHelidonServer} serves the demo's benchmarked
 * pages with plain Helidon routes: the baseline for "what does Braid's
 * Twisted layer cost".
 */
package dev.braid.bench;
