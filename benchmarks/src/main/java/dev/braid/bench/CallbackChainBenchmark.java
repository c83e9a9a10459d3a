package dev.braid.bench;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.internal.DeferredInternals;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ten-stage callback chains: a {@link Deferred} against a
 * {@link CompletableFuture} doing the same additions. Each operation builds
 * a fresh chain, fires it, and reads the result, so the numbers include the
 * allocation of every stage — what a request pays for its chain. Divide by
 * ten for the cost per stage.
 *
 * <ul>
 *   <li>{@code deferredChain} / {@code futureChain}: callbacks added to an
 *       unfired head, then fired (Twisted's usual shape: the result comes later);</li>
 *   <li>{@code deferredChainFired} / {@code futureChainCompleted}: callbacks
 *       added to an already fired head, so each runs as it is added;</li>
 *   <li>{@code deferredOfFiredDeferreds} / {@code futureOfCompletedFutures}:
 *       each stage returns an already fired Deferred (Twisted's chaining,
 *       {@code addCallbackDeferred}) — {@code thenCompose} with completed
 *       futures on the JDK side.</li>
 * </ul>
 * No event loop is current, so no stage is marshalled to another thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class CallbackChainBenchmark {
    /** The number of stages in every chain. */
    static final int STAGES = 10;

    private int seed;

    @Benchmark
    public Object deferredChain() {
        Deferred<Integer> head = new Deferred<>();
        Deferred<Integer> tail = head;
        for (int i = 0; i < STAGES; i++) {
            tail = tail.addCallback(x -> x + 1);
        }
        head.callback(seed++);
        return DeferredInternals.currentResult(tail);
    }

    @Benchmark
    public Object futureChain() {
        CompletableFuture<Integer> head = new CompletableFuture<>();
        CompletableFuture<Integer> tail = head;
        for (int i = 0; i < STAGES; i++) {
            tail = tail.thenApply(x -> x + 1);
        }
        head.complete(seed++);
        return tail.join();
    }

    @Benchmark
    public Object deferredChainFired() {
        Deferred<Integer> tail = Deferreds.succeed(seed++);
        for (int i = 0; i < STAGES; i++) {
            tail = tail.addCallback(x -> x + 1);
        }
        return DeferredInternals.currentResult(tail);
    }

    @Benchmark
    public Object futureChainCompleted() {
        CompletableFuture<Integer> tail = CompletableFuture.completedFuture(seed++);
        for (int i = 0; i < STAGES; i++) {
            tail = tail.thenApply(x -> x + 1);
        }
        return tail.join();
    }

    @Benchmark
    public Object deferredOfFiredDeferreds() {
        Deferred<Integer> head = new Deferred<>();
        Deferred<Integer> tail = head;
        for (int i = 0; i < STAGES; i++) {
            tail = tail.addCallbackDeferred(x -> Deferreds.succeed(x + 1));
        }
        head.callback(seed++);
        return DeferredInternals.currentResult(tail);
    }

    @Benchmark
    public Object futureOfCompletedFutures() {
        CompletableFuture<Integer> head = new CompletableFuture<>();
        CompletableFuture<Integer> tail = head;
        for (int i = 0; i < STAGES; i++) {
            tail = tail.thenCompose(x -> CompletableFuture.completedFuture(x + 1));
        }
        head.complete(seed++);
        return tail.join();
    }
}
