package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.testing.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event loop: thread affinity, idleness, and its scope of subtasks (start-up and shutdown: LoopLifecycleTest). */
class EventLoopTest {
    @Test
    void callbacksOfALoopsDeferredRunOnItsThreadWhoeverFiresIt() throws Exception {
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        Boolean result = Trial.runDeferred(loop -> {
            Deferred<String> owned = new Deferred<>();
            owned.addCallback(value -> onLoop.complete(loop.inLoopThread()));
            Thread.ofVirtual().start(() -> owned.callback("from another thread"));
            return Deferreds.fromFuture(onLoop);
        });
        assertTrue(result);
        Deferred<String> free = new Deferred<>();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        free.addCallback(value -> ranOn.complete(Thread.currentThread()));
        Thread firing = Thread.ofVirtual().start(() -> free.callback("x"));
        firing.join();
        assertSame(firing, ranOn.get(5, TimeUnit.SECONDS), "a Deferred outside any loop runs on the firing thread");
    }

    @Test
    void aSecondCallbackFromAnotherThreadRaisesThere() {
        Trial.runDeferred(loop -> {
            Deferred<String> owned = new Deferred<>();
            owned.callback("first");
            CompletableFuture<Throwable> raised = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    owned.callback("second");
                } catch (AlreadyCalledError e) {
                    raised.complete(e);
                }
            });
            return Deferreds.fromFuture(raised);
        });
    }

    @Test
    void theLoopKnowsWhenItIsIdleAndWhichChainsFailedUnhandled() {
        List<String> seen = new ArrayList<>();
        List<Deferred<String>> failed = new ArrayList<>();
        boolean[] idleDuringEvent = {true};
        EventLoop loop = EventLoop.builder().name("idle").onIdle(l -> {
            seen.add("idle with " + l.unhandledFailures().size() + " unhandled");
            if (seen.size() == 1) {
                failed.getFirst().addErrback(f -> null);        // handled late: drops out
                l.callLater(0.01, () -> seen.add("timer"));     // not idle until it has run
            } else {
                l.stop();
            }
        }).build();
        loop.callWhenRunning(() -> {
            failed.add(Deferreds.fail(new IllegalStateException("nobody handles me yet")));
            Deferreds.fail(new IllegalStateException("handled at once")).addErrback(f -> null);
            loop.callLater(0.01, () -> idleDuringEvent[0] = loop.isIdle());
        });
        loop.run();
        assertEquals(List.of("idle with 1 unhandled", "timer", "idle with 0 unhandled"), seen);
        assertTrue(idleDuringEvent[0], "nothing else queued while the only event runs");
        assertFalse(loop.hasUnhandledFailures());
    }

    @Test
    void deferToThreadFailsWithTheWorkersStackTrace() {
        Failure failure = Trial.runDeferred(loop -> Threads.deferToThread(EventLoopTest::explode)
                .addCallbacks(v -> java.util.Optional.<Failure>empty(), java.util.Optional::of)).orElseThrow();
        assertInstanceOf(IllegalArgumentException.class, failure.value());
        String traceback = failure.getTraceback();
        assertTrue(traceback.contains("EventLoopTest.explode"), traceback);
        assertTrue(traceback.contains("--- <exception caught here: deferToThread> ---"), traceback);
    }

    private static Object explode() {
        throw new IllegalArgumentException("boom in the worker");
    }

    @Test
    void deferToThreadFromInsideASubtaskIsHandedToTheLoop() {
        String result = Trial.runDeferred(loop -> Threads.deferToThread(() -> {
            Deferred<String> nested = Threads.deferToThread(() -> "nested");   // not the scope owner
            return Deferreds.await(nested);
        }));
        assertEquals("nested", result);
    }

    @Test
    void tenThousandSubtasksLeaveNothingRunning() {
        AtomicInteger live = new AtomicInteger();
        EventLoop[] theLoop = new EventLoop[1];
        List<Integer> results = EventLoop.react(loop -> {
            theLoop[0] = loop;
            List<Deferred<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                all.add(Threads.deferToThread(() -> {
                    live.incrementAndGet();
                    try {
                        return n;
                    } finally {
                        live.decrementAndGet();
                    }
                }));
            }
            return Deferreds.gatherResults(all);
        });
        assertEquals(10_000, results.size());
        assertEquals(49_995_000L, results.stream().mapToLong(Integer::longValue).sum());
        assertEquals(0, live.get());
        assertEquals(0, theLoop[0].runningSubtasks());
        assertTrue(theLoop[0].isStopped());
    }

    @Test
    void aBlockingCallbackBlocksItsLoopWhileDeferToThreadDoesNot() throws Exception {
        // blocking inside a callback: the timer cannot run until the callback returns
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Trial.runDeferred(loop -> {
            loop.callLater(0, () -> order.add("timer"));
            Deferred<Void> d = Deferreds.succeed(null);
            Thread.ofVirtual().start(() -> {
                order.add("releasing");
                release.countDown();
            });
            return d.addCallback(ignored -> {
                release.await();          // blocks the loop's thread
                order.add("blocking callback done");
                return Deferreds.deferLater(loop, 0.01, () -> null);
            });
        });
        assertEquals(List.of("releasing", "blocking callback done", "timer"), order);

        // the same wait through deferToThread: the timer runs while the worker waits
        List<String> threaded = new CopyOnWriteArrayList<>();
        CountDownLatch timerRan = new CountDownLatch(1);
        Trial.runDeferred(loop -> {
            loop.callLater(0, () -> {
                threaded.add("timer");
                timerRan.countDown();
            });
            return Threads.deferToThread(() -> {
                timerRan.await();         // only possible because the loop is free
                threaded.add("worker done");
                return null;
            });
        });
        assertEquals(List.of("timer", "worker done"), threaded);
    }

    @Test
    void cancellingAnInlineBodyCancelsWhatItAwaits() {
        String result = Trial.runDeferred(loop -> {
            Deferred<String> never = new Deferred<>();
            Deferred<String> body = Deferreds.inline(() -> {
                try {
                    return Deferreds.await(never);
                } catch (CancelledError e) {
                    return "caught the cancellation";
                }
            });
            loop.callLater(0.02, body::cancel);
            return body;
        });
        assertEquals("caught the cancellation", result);
    }

    @Test
    void cancellingDeferToThreadInterruptsTheWorker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Failure failure = Trial.<java.util.Optional<Failure>>runDeferred(loop -> {
            Deferred<Object> work = Threads.deferToThread(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return null;
            });
            Threads.deferToThread(() -> {
                started.await();
                return null;
            }).addCallback(x -> {
                work.cancel();
                return null;
            });
            return work.addCallbacks(v -> java.util.Optional.<Failure>empty(), java.util.Optional::of);
        }).orElseThrow();
        assertInstanceOf(CancelledError.class, failure.value());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    }

    @Test
    void blockingCallFromThreadReturnsOrThrowsOnTheCaller() {
        String value = Trial.runDeferred(loop -> Threads.deferToThread(() -> {
            assertThrows(IllegalStateException.class, () -> Threads.blockingCallFromThread(loop,
                    () -> Deferreds.fail(new IllegalStateException("on the loop"))));
            return Threads.<String>blockingCallFromThreadDeferred(loop, () -> Deferreds.deferLater(loop, 0.01,
                    () -> loop.inLoopThread() ? "ran on the loop" : "elsewhere"));
        }));
        assertEquals("ran on the loop", value);
    }

    @Test
    void aThreadPoolBoundsParallelWork() {
        ThreadPool pool = new ThreadPool(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Integer> done = Trial.runDeferred(loop -> {
            List<Deferred<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                all.add(Threads.deferToThreadPool(pool, () -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.yield();
                    running.decrementAndGet();
                    return n;
                }));
            }
            return Deferreds.gatherResults(all);
        });
        assertEquals(30, done.size());
        assertTrue(peak.get() <= 3, "peak " + peak.get());
        assertEquals(0, pool.running());
    }

    @Test
    void theCurrentLoopIsSeenInSubtasksAndNotOutside() {
        assertTrue(EventLoop.current().isEmpty());
        EventLoop seen = Trial.runDeferred(loop -> Threads.deferToThread(() -> EventLoop.current().orElseThrow()));
        assertNotSame(null, seen);
        assertTrue(seen.isStopped());
    }
}
