package dev.braid.deferred.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.testing.Trial;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every example of Twisted's "Cooperative Data Flows (via generators)"
 * tutorial, written with Braid's flows, printing what the tutorial says it
 * prints. docs/flows.md shows each one beside its Python original.
 */
class TutorialExamplesTest {
    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());

    private void print(Object... values) {
        printed.add(Py.print(values));
    }

    // ---------------------------------------------------------------- Background

    /** The tutorial's Request class: each step scheduled with callLater(0), the end signalled by a Deferred. */
    private final class Request {
        final Deferred<Void> d = new Deferred<>();
        private final String name;
        private final EventLoop loop;

        Request(EventLoop loop, String name) {
            this.loop = loop;
            this.name = name;
            loop.callLater(0, this::stepOne);
        }

        void stepOne() {
            print(name, ": Step One");
            loop.callLater(0, this::stepTwo);
        }

        void stepTwo() {
            print(name, ": Step Two");
            loop.callLater(0, this::stepDone);
        }

        void stepDone() {
            d.callback(null);
        }
    }

    @Test
    void deferredCallbacksInterleaveTwoRequests() {
        Trial.runDeferred(loop -> {
            Request james = new Request(loop, "James");
            Request wendy = new Request(loop, "Wendy");
            return DeferredList.of(List.of(james.d, wendy.d));
        });
        assertEquals(List.of("James : Step One", "Wendy : Step One", "James : Step Two", "Wendy : Step Two"),
                printed);
    }

    // ---------------------------------------------------------------- Iterators and generators

    /** The tutorial's Counter iterator: counts down to 1. */
    private static Iterator<Integer> counter(int count) {
        return new Iterator<>() {
            private int next = count;

            @Override
            public boolean hasNext() {
                return next > 0;
            }

            @Override
            public Integer next() {
                if (next <= 0) {
                    throw new NoSuchElementException();
                }
                return next--;
            }
        };
    }

    @Test
    void introducingFlowConsumesAWrappedProducer() {
        Stage<Integer> consumer = Flow.generate(out -> {
            for (int result : out.each(Flow.iterate(counter(3)))) {
                if (result != 2) {
                    out.yield(result);
                }
            }
        });
        print(Flow.block(consumer));
        assertEquals(List.of("[3, 1]"), printed);
    }

    @Test
    void generatorsCountAndChangeState() {
        Stage<Integer> counter = Flow.generate(out -> {
            for (int count = 3; count > 0; count--) {
                out.yield(count);
            }
        });
        Stage<String> states = Flow.generate(out -> {
            out.yield("one");
            out.yield("two");
        });
        print(Flow.block(counter));
        print(Flow.block(states));
        assertEquals(List.of("[3, 2, 1]", "['one', 'two']"), printed);
    }

    // ---------------------------------------------------------------- Handling failures

    private static Stage<Integer> producer(Throwable toThrow) {
        return Flow.generate(out -> {
            out.yield(1);
            out.yield(2);
            if (toThrow instanceof Exception e) {
                throw e;
            }
            throw (Error) toThrow;
        });
    }

    private static Stage<Object> consumer(Stage<Integer> producer) {
        return Flow.generate(out -> {
            try {
                for (Item<Integer> item : out.each(producer.trap(IOException.class))) {
                    switch (item) {
                        case Item.Value<Integer>(Integer result) -> out.yield(result);
                        case Item.Trapped<Integer> trapped -> out.yield("trapped"); // handle the trapped error
                    }
                }
            } catch (AssertionError err) {
                out.yield(err.getMessage()); // handle the assertion error
            }
        });
    }

    @Test
    void trappedAndUntrappedFailures() {
        print(Flow.block(consumer(producer(new IOException("trap")))));
        print(Flow.block(consumer(producer(new AssertionError("notrap")))));
        assertEquals(List.of("[1, 2, 'trapped']", "[1, 2, 'notrap']"), printed);
    }

    // ---------------------------------------------------------------- Cooperate

    @Test
    void blockSleepsThroughCooperate() {
        Stage<String> gen = Flow.generate(out -> {
            out.yield("immediate");
            out.cooperate(0.05); // the tutorial sleeps 2 s here
            out.yield("delayed");
        });
        for (String x : Flow.block(gen)) {
            print(x);
        }
        assertEquals(List.of("immediate", "delayed"), printed);
    }

    // ---------------------------------------------------------------- Merge and Zip

    private static Stage<Object> right() {
        return Flow.generate(out -> {
            out.yield("one");
            out.yield("two");
            out.cooperate();
            out.yield("three");
        });
    }

    private static Stage<Object> left() {
        return Flow.generate(out -> {
            out.yield(1);
            out.yield(2);
            out.yield(3);
        });
    }

    @Test
    void zipAndMerge() {
        print("Zip", Flow.block(Flow.zip(right(), left()).map(Py.Tuple::new)));
        print("Merge", Flow.block(Flow.merge(right(), left())));
        assertEquals(List.of("Zip [('one', 1), ('two', 2), ('three', 3)]", "Merge ['one', 1, 'two', 2, 3, 'three']"),
                printed);
    }

    @Test
    void zipAndMergeOnALoopPrintTheSame() {
        List<Object> zipped = FlowTrial.run(loop -> Flow.deferred(Flow.zip(right(), left()).map(Py.Tuple::new)));
        List<Object> merged = FlowTrial.run(loop -> Flow.deferred(Flow.merge(right(), left())));
        print("Zip", zipped);
        print("Merge", merged);
        assertEquals(List.of("Zip [('one', 1), ('two', 2), ('three', 3)]", "Merge ['one', 1, 'two', 2, 3, 'three']"),
                printed);
    }

    @Test
    void listsWithCooperateInsideMergeTheSameWay() {
        Stage<Object> right = Flow.of("one", "two", Flow.cooperate(), "three");
        Stage<Object> left = Flow.of(1, 2, 3);
        print("Merge", Flow.block(Flow.merge(right, left)));
        assertEquals(List.of("Merge ['one', 1, 'two', 2, 3, 'three']"), printed);
    }

    // ---------------------------------------------------------------- Deferred Flow

    private Stage<Void> request(String name) {
        return Flow.generate(out -> {
            print(name, ": Step One");
            out.cooperate();
            print(name, ": Step Two");
        });
    }

    @Test
    void jamesAndWendyWithFlowDeferred() {
        FlowTrial.run(loop -> {
            Deferred<List<Void>> james = Flow.deferred(request("James"));
            Deferred<List<Void>> wendy = Flow.deferred(request("Wendy"));
            return DeferredList.of(List.of(wendy, james));
        });
        assertEquals(List.of("James : Step One", "Wendy : Step One", "James : Step Two", "Wendy : Step Two"),
                printed);
    }

    // ---------------------------------------------------------------- Threading

    /**
     * The tutorial's countSleep blocks 0.3 s before each value. Here each value
     * instead blocks until the cooperative producer has printed everything:
     * if the threaded producer held up the loop, the cooperative one could never
     * finish and this test would fail by timeout instead of printing.
     */
    private Iterable<Integer> countSleep(int count, CountDownLatch cooperativeDone) {
        return () -> new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < count;
            }

            @Override
            public Integer next() {
                try {
                    if (!cooperativeDone.await(30, TimeUnit.SECONDS)) {
                        throw new AssertionError("the cooperative producer never finished: the loop was blocked");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                print("sleep", index);
                return index++;
            }
        };
    }

    private Stage<Object> countCooperate(int count, CountDownLatch done) {
        return Flow.generate(out -> {
            for (int index = 0; index < count; index++) {
                out.cooperate(0.01);
                print("cooperate", index);
                out.yield("coop " + index);
            }
            done.countDown();
        });
    }

    @Test
    void aThreadedProducerMergedWithACooperativeOneDoesNotBlockIt() {
        CountDownLatch cooperativeDone = new CountDownLatch(1);
        List<Object> result = FlowTrial.run(loop -> Flow.deferred(Flow.<Object>merge(
                Flow.threaded(countSleep(5, cooperativeDone)),
                countCooperate(5, cooperativeDone))));
        print(result);
        assertEquals(List.of("cooperate 0", "cooperate 1", "cooperate 2", "cooperate 3", "cooperate 4",
                "sleep 0", "sleep 1", "sleep 2", "sleep 3", "sleep 4",
                "['coop 0', 'coop 1', 'coop 2', 'coop 3', 'coop 4', 0, 1, 2, 3, 4]"), printed);
    }

    @Test
    void theAlternativeWithTwoDeferredsAndADeferredList() {
        CountDownLatch cooperativeDone = new CountDownLatch(1);
        List<DeferredList.Outcome<List<Object>>> outcomes = FlowTrial.run(loop -> DeferredList.of(List.of(
                Flow.deferred(Flow.<Object>threaded(countSleep(5, cooperativeDone))),
                Flow.deferred(countCooperate(10, cooperativeDone)))));
        assertTrue(outcomes.stream().allMatch(DeferredList.Outcome::success));
        assertEquals(List.of(0, 1, 2, 3, 4), outcomes.get(0).value());
        assertEquals(10, outcomes.get(1).value().size());
        assertEquals("cooperate 9", printed.get(9));
        assertEquals("sleep 0", printed.get(10));
    }
}
