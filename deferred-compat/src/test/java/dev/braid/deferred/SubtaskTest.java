package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.testing.Trial;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** deferToThread, thread pools, inline bodies and blockingCallFromThread against the loop's scope. */
class SubtaskTest {
    private static final ScopedValue<String> REQUEST = ScopedValue.newInstance();

    @Test
    void tenThousandSubtasksEndWithTheirLoopAndNoThreadOutlivesIt() {
        Set<Thread> workers = ConcurrentHashMap.newKeySet();
        EventLoop[] ran = new EventLoop[1];
        Integer count = EventLoop.react(loop -> {
            ran[0] = loop;
            List<Deferred<Boolean>> all = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                all.add(Threads.deferToThread(() -> workers.add(Thread.currentThread())));
            }
            return Deferreds.gatherResults(all).addCallback(List::size);
        });
        assertEquals(10_000, count);
        assertEquals(10_000, workers.size(), "a fresh virtual thread each");
        assertTrue(workers.stream().allMatch(Thread::isVirtual));
        assertTrue(workers.stream().noneMatch(Thread::isAlive), "every subtask thread has ended with the loop");
        assertEquals(0, ran[0].runningSubtasks());
    }

    @Test
    void theLoopsEndInterruptsUnfinishedWorkAndWaitsForIt() {
        CountDownLatch started = new CountDownLatch(2);
        Thread[] worker = new Thread[2];
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        EventLoop.react(loop -> {
            for (int i = 0; i < 2; i++) {
                int n = i;
                Threads.deferToThread(() -> {
                    worker[n] = Thread.currentThread();
                    started.countDown();
                    Thread.sleep(600_000);
                    return "never";
                }).addBoth(outcome -> outcomes.add(outcome instanceof Failure f ? f.type() : outcome));
            }
            return Threads.deferToThread(() -> {
                started.await();
                return null;
            });
        });
        assertEquals(List.of(CancelledError.class, CancelledError.class), outcomes);
        assertFalse(worker[0].isAlive() || worker[1].isAlive());
    }

    @Test
    void aFailingSubtaskFailsOnlyItsOwnDeferredWithItsOwnException() {
        List<Object> outcomes = EventLoop.react(loop -> Deferreds.gatherResults(List.of(
                Threads.deferToThread(() -> {
                    throw new IOException("checked, from the worker");
                }).addErrback(f -> f.type().getSimpleName() + ": " + f.getErrorMessage()),
                Threads.deferToThread(() -> "sibling unharmed"))));
        assertEquals(List.of("IOException: checked, from the worker", "sibling unharmed"), outcomes);
    }

    @Test
    void forkingInsideAScopedValueBindingOnTheLoopThreadStillWorks() {
        String result = EventLoop.react(loop -> ScopedValue.where(REQUEST, "alice").call(
                () -> Threads.deferToThread(() -> "forked, current loop " + EventLoop.current().orElseThrow().name())));
        assertEquals("forked, current loop react", result);
    }

    @Test
    void withoutALoopTheDeferredFiresOnTheWorkerThread() throws InterruptedException {
        CountDownLatch callbackAdded = new CountDownLatch(1);
        CountDownLatch fired = new CountDownLatch(1);
        Thread[] ranOn = new Thread[2];
        Threads.deferToThread(() -> {
            callbackAdded.await();      // fire only once the callback is there, or it would run on this thread
            return ranOn[0] = Thread.currentThread();
        }).addCallback(t -> {
            ranOn[1] = Thread.currentThread();
            fired.countDown();
            return null;
        });
        callbackAdded.countDown();
        LoopThread.await(fired, "the worker");
        assertSame(ranOn[0], ranOn[1]);
        assertTrue(ranOn[0].isVirtual());
    }

    // ------------------------------------------------------------------ pools

    @Test
    void aPoolRunsAtMostItsLimitAndTheRestWait() {
        ThreadPool pool = new ThreadPool("db", 2);
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Trial.runDeferred(loop -> {
            List<Deferred<Object>> all = new ArrayList<>();
            java.util.function.IntConsumer submit = n -> all.add(Threads.deferToThreadPool(pool, () -> {
                peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
                events.add("start job" + n + " as " + Thread.currentThread().getName().split(":")[0]);
                if (n <= 2) {
                    bothRunning.countDown();
                    release.await();
                }
                inside.decrementAndGet();
                return null;
            }));
            submit.accept(1);
            submit.accept(2);
            return Threads.deferToThread(() -> {
                bothRunning.await();
                return null;
            }).addCallbackDeferred(ignored -> {
                events.add("two running: running=" + pool.running());
                submit.accept(3);
                submit.accept(4);
                release.countDown();
                return Deferreds.gatherResults(all);
            });
        });
        assertEquals("two running: running=2", events.get(2), events.toString());
        assertTrue(events.containsAll(List.of("start job3 as db", "start job4 as db")), events.toString());
        assertEquals(2, peak.get());
        assertEquals(0, pool.running());
        assertEquals(0, pool.waiting());
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(0));
    }

    @Test
    void waitingPoolWorkIsCancelledWithItsLoopOrItsDeferredAndNeverStartsLater() {
        ThreadPool pool = new ThreadPool(1);
        CountDownLatch holding = new CountDownLatch(1);
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        List<String> started = new CopyOnWriteArrayList<>();
        EventLoop.react(loop -> {
            Threads.deferToThreadPool(pool, () -> {
                holding.countDown();
                Thread.sleep(600_000);
                return null;
            }).addErrback(f -> outcomes.add("holder: " + f.type().getSimpleName()));
            return Threads.deferToThread(() -> {
                holding.await();
                return null;
            }).addCallback(ignored -> {
                Deferred<Object> cancelledByHand = Threads.deferToThreadPool(pool, () -> started.add("by hand"));
                cancelledByHand.addErrback(f -> outcomes.add("by hand: " + f.type().getSimpleName()));
                Threads.deferToThreadPool(pool, () -> started.add("at loop end"))
                        .addErrback(f -> outcomes.add("at loop end: " + f.type().getSimpleName()));
                assertFalse(loop.isIdle(), "waiting work keeps its loop busy");
                cancelledByHand.cancel();
                return null;
            });
        });
        assertEquals(List.of(), started);
        assertTrue(outcomes.containsAll(List.of("holder: CancelledError", "by hand: CancelledError",
                "at loop end: CancelledError")), outcomes.toString());
        assertEquals(0, pool.running());
        assertEquals(0, pool.waiting());
    }

    // ------------------------------------------------------------------ inline bodies

    @Test
    void anInlineBodyFiresOnTheLoopAndAwaitThrowsTheOriginalException() {
        String result = Trial.runDeferred(loop -> Deferreds.inline(() -> {
            assertFalse(loop.inLoopThread(), "the body has its own thread");
            try {
                Deferreds.await(Deferreds.fail(new IOException("awaited failure")));
                return "not reached";
            } catch (Exception e) {   // await throws the original, checked, exception without declaring it
                assertInstanceOf(IOException.class, e);
                return e.getMessage() + " caught; " + Deferreds.await(Deferreds.deferLater(loop, 0.001, () -> "then"));
            }
        }).addCallback(value -> value + (loop.inLoopThread() ? " on the loop" : " elsewhere")));
        assertEquals("awaited failure caught; then on the loop", result);
    }

    @Test
    void cancellingAnInlineBodyThatAwaitsNothingInterruptsIt() {
        CountDownLatch sleeping = new CountDownLatch(1);
        Throwable failure = Trial.runDeferred(loop -> {
            Deferred<Object> body = Deferreds.inline(() -> {
                sleeping.countDown();
                Thread.sleep(600_000);
                return "never";
            });
            Threads.deferToThread(() -> {
                sleeping.await();
                return null;
            }).addCallback(ignored -> {
                body.cancel();
                return null;
            });
            return body.addCallbacks(value -> null, Failure::value);
        });
        assertInstanceOf(CancelledError.class, failure);
    }

    @Test
    void awaitRefusesTheLoopThreadAndWorksFromAPlainThread() throws InterruptedException {
        EventLoop loop = EventLoop.create("await");
        try (LoopThread running = new LoopThread(loop)) {
            Deferred<?>[] owned = new Deferred<?>[1];
            running.runOnLoop(() -> {
                owned[0] = Deferreds.deferLater(loop, 0.001, () -> "fired on its loop");
                assertThrows(IllegalStateException.class, () -> Deferreds.await(new Deferred<>()));
            });
            assertEquals("fired on its loop", Deferreds.await(owned[0]));
        }
    }

    // ------------------------------------------------------------------ blockingCallFromThread

    @Test
    void blockingCallFromThreadFailsInsteadOfHangingWhenTheLoopEndsFirst() throws InterruptedException {
        EventLoop loop = EventLoop.create("ends-first");
        LoopThread running = new LoopThread(loop);
        CancelledError e = assertThrows(CancelledError.class, () -> Threads.blockingCallFromThreadDeferred(loop, () -> {
            loop.stop();
            return new Deferred<>();                    // never fires
        }));
        assertTrue(e.getMessage().contains("ended before answering"), e.getMessage());
        running.join();
        assertThrows(IllegalStateException.class, () -> Threads.blockingCallFromThread(loop, () -> "late"));
    }

    @Test
    void blockingCallFromThreadRefusesTheLoopsOwnThread() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.react(loop -> Deferreds.succeed(Threads.blockingCallFromThread(loop, () -> 1))));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
    }
}
