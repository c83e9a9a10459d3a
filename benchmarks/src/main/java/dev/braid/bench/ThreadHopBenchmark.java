package dev.braid.bench;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Threads;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A round trip to another thread and back: {@code deferToThread} on an event
 * loop (fork a subtask of the loop's scope, run the function there, fire the
 * Deferred back on the loop thread) against forking a virtual thread and
 * joining it. Both sides run {@value #HOPS} round trips one after another
 * from one virtual thread (the loop's, or a plain one), so the per-operation
 * figure is one round trip; the single hand-over from the JMH thread is
 * shared by all of them.
 *
 * <p>The subtask backend is the loop's default: StructuredTaskScope when
 * preview features are on (they are, in the fork), {@code -Dbraid.subtasks=virtual}
 * for plain virtual threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class ThreadHopBenchmark {
    /** Round trips per benchmark invocation. */
    static final int HOPS = 100;

    private EventLoop loop;
    private Thread loopThread;

    @Setup(Level.Trial)
    public void startLoop() {
        loop = EventLoop.create("bench");
        loopThread = Thread.ofVirtual().name("bench-loop").start(loop::run);
    }

    @TearDown(Level.Trial)
    public void stopLoop() throws InterruptedException {
        loop.callFromThread(loop::stop);
        loopThread.join();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Object deferToThread() {
        return Threads.blockingCallFromThreadDeferred(loop, () -> hop(0));
    }

    /** Forks one function and, when it fires on the loop, the next, until {@link #HOPS}. */
    private static Deferred<Integer> hop(int done) {
        Deferred<Integer> next = Threads.deferToThread(() -> done + 1);
        return done + 1 == HOPS ? next : next.addCallbackDeferred(ThreadHopBenchmark::hop);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public Object virtualThread() throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread.ofVirtual().start(() -> result.set(forkAndJoin())).join();
        return result.get();
    }

    private static Object forkAndJoin() {
        int value = 0;
        for (int i = 0; i < HOPS; i++) {
            int start = value;
            int[] out = new int[1];
            Thread worker = Thread.ofVirtual().start(() -> out[0] = start + 1);
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
            value = out[0];
        }
        return value;
    }
}
