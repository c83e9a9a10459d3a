package dev.braid.deferred.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.CancelledError;
import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.testing.Trial;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each stage's contract: values, ends, failures, waits, closing. */
class FlowStagesTest {
    @Test
    void mapFilterAndNullValues() {
        assertEquals(List.of(5), Flow.block(Flow.of("one", "two", "three").map(String::length).filter(n -> n != 3)));
        assertEquals(Arrays.asList("a", null, "c"), Flow.block(Flow.of("a", null, "c")));
        assertEquals(List.of(3, 3, 5), Flow.block(Flow.iterate(List.of("one", "two", "three")).map(String::length)));
    }

    @Test
    void aThrowingMapFailsTheStageWithThatException() {
        IllegalStateException boom = new IllegalStateException("boom");
        Stage<String> stage = Flow.of(1, 2).map(n -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Flow.block(stage)));
    }

    @Test
    void blockThrowsACheckedFailureAsItself() {
        IOException io = new IOException("disk");
        Stage<Integer> stage = Flow.generate(out -> {
            out.yield(1);
            throw io;
        });
        Exception thrown = assertThrows(Exception.class, () -> Flow.block(stage));
        assertSame(io, thrown);
    }

    @Test
    void trapMakesListedFailuresALastValue() {
        Stage<Integer> failing = Flow.generate(out -> {
            out.yield(7);
            throw new IOException("gone");
        });
        List<Item<Integer>> items = Flow.block(failing.trap(IOException.class));
        assertEquals(new Item.Value<>(7), items.get(0));
        Item.Trapped<Integer> trapped = (Item.Trapped<Integer>) items.get(1);
        assertEquals("gone", trapped.failure().getErrorMessage());
        assertEquals(2, items.size());
        Stage<Integer> other = Flow.generate(out -> {
            throw new IllegalArgumentException("not trapped");
        });
        assertThrows(IllegalArgumentException.class, () -> Flow.block(other.trap(IOException.class)));
    }

    @Test
    void deferredElementsAreWaitedForAndTheirResultsBecomeValues() {
        List<Object> values = FlowTrial.run(loop -> {
            Deferred<String> later = new Deferred<>();
            loop.callLater(0.01, () -> later.callback("later"));
            return Flow.deferred(Flow.<Object>of("now", later, Deferreds.succeed("ready")));
        });
        assertEquals(List.of("now", "later", "ready"), values);
    }

    @Test
    void aFailedDeferredFailsTheFlowAndIsNotReportedUnhandled() {
        IOException io = new IOException("no poem");
        IOException failure = FlowTrial.run(loop -> Trial.assertFailure(
                Flow.deferred(Flow.fromDeferred(Deferreds.fail(io))), IOException.class));
        assertSame(io, failure);
    }

    @Test
    void aGeneratorAwaitsDeferredsWithoutBlockingTheLoop() {
        List<String> values = FlowTrial.run(loop -> Flow.deferred(Flow.<String>generate(out -> {
            Deferred<String> slow = new Deferred<>();
            loop.callLater(0.01, () -> slow.callback("slow"));
            out.yield(out.await(slow));
            try {
                out.await(Deferreds.fail(new IOException("lost")));
            } catch (IOException expected) {
                out.yield("caught " + expected.getMessage());
            }
        })));
        assertEquals(List.of("slow", "caught lost"), values);
    }

    @Test
    void theGeneratorBodySeesItsLoopAsCurrent() {
        List<Boolean> values = FlowTrial.run(loop -> Flow.deferred(Flow.<Boolean>generate(out ->
                out.yield(EventLoop.current().orElseThrow() == loop && !loop.inLoopThread()))));
        assertEquals(List.of(true), values);
    }

    @Test
    void anEmitterUsedFromAnotherThreadIsRejected() throws Exception {
        Emitter<?>[] leaked = new Emitter<?>[1];
        Flow.block(Flow.<Object>generate(out -> leaked[0] = out));
        Thread other = Thread.ofVirtual().start(() -> assertThrows(IllegalStateException.class, () -> leaked[0].cooperate()));
        other.join();
    }

    @Test
    void closingAGeneratorUnwindsItThroughFinally() throws Exception {
        CountDownLatch unwound = new CountDownLatch(1);
        Stage<Integer> endless = Flow.generate(out -> {
            try {
                for (int i = 0; ; i++) {
                    out.yield(i);
                }
            } finally {
                unwound.countDown();
            }
        });
        assertEquals(new Step.Value<>(0), endless.pull());
        assertEquals(new Step.Value<>(1), endless.pull());
        endless.close();
        assertTrue(unwound.await(30, TimeUnit.SECONDS));
        assertEquals(new Step.End<>(), endless.pull());
    }

    @Test
    void cancellingAFlowDeferredClosesTheFlow() {
        CountDownLatch unwound = new CountDownLatch(1);
        CancelledError cancelled = FlowTrial.run(loop -> {
            Deferred<List<Integer>> endless = Flow.deferred(Flow.generate(out -> {
                try {
                    for (int i = 0; ; i++) {
                        out.cooperate(0.001);
                        out.yield(i);
                    }
                } finally {
                    unwound.countDown();
                }
            }));
            loop.callLater(0.05, endless::cancel);
            return Trial.assertFailure(endless, CancelledError.class);
        });
        assertTrue(cancelled != null);
        assertTrue(awaitQuietly(unwound), "the generator was unwound");
    }

    @Test
    void mergeFailsWithTheFirstFailureAfterTheValuesOfThatRoundAndClosesTheRest() {
        AtomicBoolean otherClosed = new AtomicBoolean();
        Stage<Object> failing = Flow.generate(out -> {
            out.yield("a");
            throw new IOException("merge broke");
        });
        Stage<Object> other = Flow.generate(out -> {
            try {
                while (true) {
                    out.yield("b");
                }
            } finally {
                otherClosed.set(true);
            }
        });
        List<Object> seen = new ArrayList<>();
        Stage<Object> merged = Flow.merge(failing, other);
        Step<Object> step;
        while ((step = merged.pull()) instanceof Step.Value<Object>(Object value)) {
            seen.add(value);
        }
        assertEquals(List.of("a", "b"), seen);
        assertEquals("merge broke", ((Step.Failed<Object>) step).failure().getErrorMessage());
        assertEquals(new Step.End<>(), merged.pull());
        assertTrue(eventually(otherClosed));
    }

    @Test
    void zipEndsWithTheShortestAndClosesTheOthers() {
        AtomicBoolean longClosed = new AtomicBoolean();
        Stage<Integer> longer = Flow.generate(out -> {
            try {
                for (int i = 0; ; i++) {
                    out.yield(i);
                }
            } finally {
                longClosed.set(true);
            }
        });
        assertEquals(List.of("a0", "b1"), Flow.block(Flow.zip(Flow.of("a", "b"), longer, (s, n) -> s + n)));
        assertTrue(eventually(longClosed));
        assertThrows(IllegalArgumentException.class, Flow::zip);
    }

    @Test
    void aClockDrivesCooperationDeterministically() {
        Clock clock = new Clock();
        List<Object> seen = new ArrayList<>();
        Deferred<Void> done = Flow.forEach(Flow.of("a", Flow.cooperate(5), "b"), seen::add, clock);
        pump(clock, 4.9);
        assertEquals(List.of("a"), seen);
        Trial.assertNoResult(done);
        pump(clock, 0.2);
        assertEquals(List.of("a", "b"), seen);
        Trial.successResultOf(done);
    }

    /** Advances in small steps: the cooperator's ticks follow each other 1e-8 s apart. */
    private static void pump(Clock clock, double seconds) {
        for (double passed = 0; passed < seconds; passed += 0.001) {
            clock.advance(0.001);
        }
    }

    @Test
    void mergeDoesNotWaitForACooperatingSourceWhileAnotherHasValues() {
        Clock clock = new Clock();
        Deferred<List<Object>> merged = Flow.deferred(Flow.merge(
                Flow.of("slow", Flow.cooperate(5), "slower"),
                Flow.of(Flow.cooperate(10), "late")), clock);
        pump(clock, 0.01);
        assertEquals(List.of("slow", "late", "slower"), Trial.successResultOf(merged)); // as in Twisted
    }

    @Test
    void threadedWorkersStayWithinTheirBuffer() {
        AtomicInteger produced = new AtomicInteger();
        Thread[] worker = new Thread[1];
        Iterator<Integer> numbers = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced.get() < 10;
            }

            @Override
            public Integer next() {
                worker[0] = Thread.currentThread();
                return produced.getAndIncrement();
            }
        };
        Stage<Integer> stage = Flow.threaded(() -> numbers, 2);
        List<Integer> all = new ArrayList<>();
        if (stage.pull() instanceof Step.Value<Integer>(Integer first)) { // the first pull starts the worker
            all.add(first);
        }
        // Two values fill the buffer and the next waits in the worker's hand: the worker parks, it does not run on.
        int limit = all.size() + 3;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((produced.get() < limit || worker[0].getState() != Thread.State.WAITING)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(limit, produced.get());
        assertEquals(Thread.State.WAITING, worker[0].getState());
        all.addAll(Flow.block(stage));
        assertEquals(IntStream.range(0, 10).boxed().toList(), all);
    }

    /** A blocking iterator that holds a resource until closed. */
    private static final class Cursor implements Iterator<Integer>, AutoCloseable {
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            blocked.countDown();
            try {
                Thread.sleep(60_000); // a query that takes long
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
            return 1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void closingAThreadedStageInterruptsTheWorkerAndClosesTheIterator() throws Exception {
        Cursor cursor = new Cursor();
        Stage<Integer> stage = Flow.threaded(cursor);
        assertTrue(stage.pull() instanceof Step.Wait<Integer>);
        assertTrue(cursor.blocked.await(30, TimeUnit.SECONDS));
        stage.close();
        assertTrue(cursor.closed.await(30, TimeUnit.SECONDS));
        assertEquals(new Step.End<>(), stage.pull());
    }

    @Test
    void threadedFailuresArriveAsTheirOwnException() {
        IllegalStateException broken = new IllegalStateException("broken source");
        Iterable<Integer> source = () -> {
            throw broken;
        };
        assertSame(broken, assertThrows(IllegalStateException.class, () -> Flow.block(Flow.threaded(source))));
    }

    @Test
    void pushStagesTakeValuesFromOtherThreads() {
        List<String> values = FlowTrial.run(loop -> {
            PushStage<String> pushed = Flow.push();
            Thread.ofVirtual().start(() -> {
                pushed.push("one");
                pushed.push(null);
                pushed.push("two");
                pushed.finish();
            });
            return Flow.deferred(pushed);
        });
        assertEquals(Arrays.asList("one", null, "two"), values);
        PushStage<String> done = Flow.push();
        done.finish();
        assertThrows(IllegalStateException.class, () -> done.push("late"));
        PushStage<String> failing = Flow.push();
        failing.push("x");
        failing.fail(new IOException("connection lost"));
        assertThrows(IOException.class, () -> Flow.block(failing));
    }

    @Test
    void manyFlowsInterleaveOnOneLoop() {
        int flows = 50;
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Trial.runDeferred(loop -> {
            List<Deferred<List<Object>>> all = new ArrayList<>();
            for (int f = 0; f < flows; f++) {
                String name = "f" + f;
                all.add(Flow.deferred(Flow.generate(out -> {
                    for (int i = 0; i < 3; i++) {
                        order.add(name + ":" + i);
                        out.cooperate();
                    }
                })));
            }
            return Deferreds.gatherResults(all);
        });
        assertEquals(flows * 3, order.size());
        // Every flow took its first step before any flow took its last one.
        int lastFirstStep = 0;
        int firstLastStep = Integer.MAX_VALUE;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).endsWith(":0")) {
                lastFirstStep = i;
            }
            if (order.get(i).endsWith(":2")) {
                firstLastStep = Math.min(firstLastStep, i);
            }
        }
        assertTrue(lastFirstStep < firstLastStep, order.toString());
    }

    @Test
    void misuseIsRejectedClearly() {
        assertThrows(IllegalStateException.class, () -> Flow.deferred(Flow.of(1)));
        FlowTrial.run(loop -> {
            assertThrows(IllegalStateException.class, () -> Flow.block(Flow.of(1)));
            return Deferreds.succeed(null);
        });
        assertThrows(IllegalArgumentException.class, () -> Flow.cooperate(-1));
        assertThrows(IllegalArgumentException.class, () -> Flow.threaded(List.of(1), 0));
        Stage<Object> reused = Flow.threaded(List.of(1).iterator());
        assertEquals(List.of(1), Flow.block(reused));
        Failure failure = new Failure(new IOException("x"));
        assertFalse(new Step.Failed<>(failure).failure().check(IOException.class).isEmpty());
    }

    private static boolean eventually(AtomicBoolean flag) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!flag.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        return flag.get();
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
