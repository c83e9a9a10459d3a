package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Deferreds of no loop shared between threads: a test's main thread waiting
 * on what other threads fire, many threads firing into one DeferredList.
 * Every callback runs exactly once, in order, and nothing is lost.
 */
class NoLoopThreadsTest {
    private static final int ROUNDS = 2_000;

    @Test
    void callbacksAddedWhileAnotherThreadFiresRunOnceInOrder() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < ROUNDS; round++) {
            Deferred<Integer> d = new Deferred<>(null, null);
            List<Integer> seen = new ArrayList<>();
            Thread firer = Thread.ofPlatform().start(() -> {
                await(start);
                d.callback(0);
            });
            await(start);
            for (int i = 1; i <= 3; i++) {
                int step = i;
                d.addCallback(value -> {
                    seen.add(value);
                    return step;
                });
            }
            firer.join();
            assertEquals(3, d.toCompletableFuture().get(10, TimeUnit.SECONDS), "round " + round);
            assertEquals(List.of(0, 1, 2), seen, "round " + round);
        }
    }

    @Test
    void aDeferredListOverDeferredsFiredByManyThreadsFires() throws Exception {
        for (int round = 0; round < 20; round++) {
            List<Deferred<Integer>> members = IntStream.range(0, 200)
                    .mapToObj(i -> new Deferred<Integer>(null, null)).toList();
            Deferred<List<Integer>> all = Deferreds.gatherResults(members);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> firers = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                int index = i;
                firers.add(Thread.ofVirtual().start(() -> {
                    awaitLatch(go);
                    members.get(index).callback(index);
                }));
            }
            go.countDown();
            assertEquals(IntStream.range(0, 200).boxed().toList(), all.toCompletableFuture().get(10, TimeUnit.SECONDS));
            for (Thread firer : firers) {
                firer.join();
            }
        }
    }

    @Test
    void membersOfLoopsCountOnTheListsSide() throws Exception {
        List<LoopThread> loops = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                loops.add(new LoopThread(EventLoop.create("member-" + i)));
            }
            for (int round = 0; round < 50; round++) {
                List<Deferred<Integer>> members = new ArrayList<>();
                for (LoopThread loop : loops) {
                    for (int i = 0; i < 25; i++) {
                        members.add(new Deferred<>(loop.loop, null));
                    }
                }
                Deferred<List<Integer>> all = Deferreds.gatherResults(members);
                for (int i = 0; i < members.size(); i++) {
                    members.get(i).callback(i); // each fires on its own loop
                }
                assertEquals(IntStream.range(0, 100).boxed().toList(), all.toCompletableFuture().get(10, TimeUnit.SECONDS));
            }
        } finally {
            for (LoopThread loop : loops) {
                loop.close();
            }
        }
    }

    @Test
    void unrelatedDeferredsNeverWaitForEachOther() throws Exception {
        Deferred<String> slow = new Deferred<>(null, null);
        Deferred<String> other = new Deferred<>(null, null);
        CountDownLatch otherRan = new CountDownLatch(1);
        Thread[] ranOn = new Thread[1];
        other.addCallback(value -> {
            ranOn[0] = Thread.currentThread();
            otherRan.countDown();
            return value;
        });
        slow.addCallback(value -> {
            // While this callback runs, another thread fires an unrelated Deferred: its callback runs
            // there and then, or this wait would never end.
            Thread helper = Thread.ofVirtual().start(() -> other.callback("from the helper"));
            awaitLatch(otherRan);
            try {
                helper.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(helper, ranOn[0], "the callback ran on the thread that fired its Deferred");
            return value;
        });
        slow.callback("go");
        assertEquals("go", slow.currentResult());
    }

    @Test
    void anOperationOnABusyDeferredIsHandedToTheThreadInIt() throws Exception {
        Deferred<String> d = new Deferred<>(null, null);
        List<String> order = new ArrayList<>();
        Thread[] secondRanOn = new Thread[1];
        d.addCallback(value -> {
            // Another thread adds a callback to this same Deferred while its chain runs: the helper
            // returns at once, and its callback runs here, after this one.
            Thread helper = Thread.ofVirtual().start(() -> d.addCallback(v -> {
                secondRanOn[0] = Thread.currentThread();
                order.add("second");
                return v;
            }));
            try {
                assertTrue(helper.join(java.time.Duration.ofSeconds(10)), "the helper returned at once");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            order.add("first");
            return value;
        });
        d.callback("go");
        assertEquals(List.of("first", "second"), order);
        assertEquals(Thread.currentThread(), secondRanOn[0]);
    }

    @Test
    void aChainCrossingDeferredsOfTwoThreadsCarriesOnWhereTheInnerOneFires() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Deferred<Integer> outer = new Deferred<>(null, null);
            Deferred<Integer> inner = new Deferred<>(null, null);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread firer = Thread.ofPlatform().start(() -> {
                await(start);
                inner.callback(41);
            });
            outer.addCallbackDeferred(ignored -> {
                await(start);
                return inner;
            }).addCallback(value -> value + 1);
            outer.callback(0);
            firer.join();
            assertEquals(42, outer.toCompletableFuture().get(10, TimeUnit.SECONDS), "round " + round);
            assertEquals(null, inner.currentResult(), "the inner result was handed to the outer chain");
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
