package dev.braid.bench;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.internal.DeferredInternals;
import java.util.ArrayList;
import java.util.List;
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
 * Waiting for 100 results at once: a {@link DeferredList} (and
 * {@code gatherResults}) of 100 unfired Deferreds that are then fired one by
 * one, against {@code CompletableFuture.allOf} of 100 futures completed the
 * same way. Each operation makes the members, the list, fires them and reads
 * the combined result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class DeferredListBenchmark {
    /** Members of every list. */
    static final int SIZE = 100;

    @Benchmark
    public Object deferredList() {
        List<Deferred<Integer>> members = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            members.add(new Deferred<>());
        }
        Deferred<List<DeferredList.Outcome<Integer>>> all = DeferredList.of(members);
        for (int i = 0; i < SIZE; i++) {
            members.get(i).callback(i);
        }
        return DeferredInternals.currentResult(all);
    }

    @Benchmark
    public Object gatherResults() {
        List<Deferred<Integer>> members = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            members.add(new Deferred<>());
        }
        Deferred<List<Integer>> all = Deferreds.gatherResults(members);
        for (int i = 0; i < SIZE; i++) {
            members.get(i).callback(i);
        }
        return DeferredInternals.currentResult(all);
    }

    @Benchmark
    public Object completableFutureAllOf() {
        List<CompletableFuture<Integer>> members = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            members.add(new CompletableFuture<>());
        }
        CompletableFuture<List<Integer>> all = CompletableFuture.allOf(members.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> members.stream().map(CompletableFuture::join).toList());
        for (int i = 0; i < SIZE; i++) {
            members.get(i).complete(i);
        }
        return all.join();
    }
}
