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
    void aThreadFiringWhileTheContextIsBusyHandsOverInsteadOfWaiting() throws Exception {
        Deferred<String> outer = new Deferred<>(null, null);
        Deferred<String> other = new Deferred<>(null, null);
        List<String> order = new ArrayList<>();
        other.addCallback(value -> order.add("other's callback: " + value));
        outer.addCallback(value -> {
            // Another thread fires `other` while this callback runs: it must not wait for us.
            Thread helper = Thread.ofVirtual().start(() -> other.callback("from the helper"));
            try {
                assertTrue(helper.join(java.time.Duration.ofSeconds(10)), "the helper returned at once");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            order.add("outer's callback done");
            return value;
        });
        outer.callback("go");
        assertEquals(List.of("outer's callback done", "other's callback: from the helper"), order,
                "the handed-over firing ran right after the busy operation, on its thread");
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
