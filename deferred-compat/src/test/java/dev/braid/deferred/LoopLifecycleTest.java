package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.internal.LoopInternals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The loop itself: start-up, posting, stopping, system event triggers, timers across threads. */
class LoopLifecycleTest {
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void startupTriggersAndCallWhenRunningComeBeforeEventsPostedEarlier() {
        EventLoop loop = EventLoop.create("startup");
        loop.callFromThread(() -> order.add("posted before run"));
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "startup", () -> order.add("before startup"));
        loop.callWhenRunning(() -> order.add("when running 1"));
        loop.addSystemEventTrigger(EventLoop.Phase.AFTER, "startup", () -> order.add("after startup"));
        loop.callWhenRunning(() -> order.add("when running 2"));
        loop.addSystemEventTrigger(EventLoop.Phase.AFTER, "startup", () -> {
            loop.callWhenRunning(() -> order.add("when running, on the loop: at once"));
            loop.callFromThread(loop::stop);
            return null;
        });
        assertTrue(loop.backendName().isEmpty(), "no backend before run");
        loop.run();
        assertEquals(List.of("before startup", "when running 1", "after startup", "when running 2",
                "when running, on the loop: at once", "posted before run"), order);
        assertTrue(loop.isStopped());
    }

    @Test
    void callFromThreadOnTheLoopRunsLaterInOrder() {
        EventLoop.react(loop -> {
            loop.callFromThread(() -> order.add("posted 1"));
            loop.execute(() -> order.add("posted 2"));
            assertTrue(LoopInternals.tryCallFromThread(loop, () -> order.add("posted 3")));
            order.add("still in the first event");
            return Deferreds.deferLater(loop, 0, () -> null);
        });
        assertEquals(List.of("still in the first event", "posted 1", "posted 2", "posted 3"), order);
    }

    @Test
    void aLoopRunsOnceAndStopsOnce() throws InterruptedException {
        EventLoop loop = EventLoop.create("once");
        assertEquals("Can't stop a loop that isn't running (once is NEW)",
                assertThrows(IllegalStateException.class, loop::stop).getMessage());
        try (LoopThread running = new LoopThread(loop)) {
            assertThrows(IllegalStateException.class, loop::run);
            running.runOnLoop(() -> {
                loop.stop();
                assertThrows(IllegalStateException.class, loop::stop);
                assertFalse(loop.isRunning());
            });
            running.join();
        }
        assertTrue(loop.isStopped());
        assertEquals("loop once has stopped",
                assertThrows(IllegalStateException.class, () -> loop.callFromThread(() -> { })).getMessage());
        assertFalse(LoopInternals.tryCallFromThread(loop, () -> order.add("never")), "a stopped loop refuses without throwing");
        assertTrue(order.isEmpty());
        assertThrows(IllegalStateException.class, () -> loop.callWhenRunning(() -> { }));
        assertFalse(loop.inLoopThread());
    }

    @Test
    void shutdownWaitsForBeforeTriggersWhileEventsAndTimersKeepRunning() {
        EventLoop loop = EventLoop.create("shutdown");
        Deferred<Void> stoppedSlowly = new Deferred<>(loop, null);
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown", () -> {
            order.add("before: stopping slowly");
            return stoppedSlowly;
        });
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown", () -> Deferreds.fail(new IOException("x")));
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown", () -> {
            throw new IllegalStateException("a broken trigger");
        });
        loop.addSystemEventTrigger(EventLoop.Phase.DURING, "shutdown", () -> {
            order.add("during");
            loop.addSystemEventTrigger(EventLoop.Phase.DURING, "shutdown", () -> order.add("during, added late"));
            return null;
        });
        loop.addSystemEventTrigger(EventLoop.Phase.AFTER, "shutdown", () -> order.add("after"));
        Object removed = loop.addSystemEventTrigger(EventLoop.Phase.AFTER, "shutdown", () -> order.add("removed"));
        loop.removeSystemEventTrigger(removed);
        assertThrows(IllegalArgumentException.class, () -> loop.removeSystemEventTrigger(removed));
        loop.callWhenRunning(() -> {
            loop.stop();
            loop.callFromThread(() -> {
                order.add("event during shutdown, running=" + loop.isRunning());
                loop.callLater(0.001, () -> {
                    order.add("timer ran during shutdown");
                    stoppedSlowly.callback(null);
                });
            });
        });
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName())) {
            loop.run();
            assertTrue(log.contains("a broken trigger"), log.messages().toString());
            assertTrue(log.contains("java.io.IOException: x"), log.messages().toString());
        }
        assertEquals(List.of("before: stopping slowly", "event during shutdown, running=false",
                "timer ran during shutdown", "during", "during, added late", "after"), order);
    }

    @Test
    void aTriggerRunsOnceAndAnUnknownHandleIsRefused() {
        EventLoop.react(loop -> {
            Object handle = loop.addSystemEventTrigger(EventLoop.Phase.DURING, "custom", () -> order.add("custom"));
            return loop.fireSystemEvent("custom").addCallbackDeferred(ignored -> loop.fireSystemEvent("custom"))
                    .addCallback(ignored -> {
                        assertThrows(IllegalArgumentException.class, () -> loop.removeSystemEventTrigger(handle));
                        assertThrows(IllegalArgumentException.class, () -> loop.removeSystemEventTrigger("nope"));
                        return null;
                    });
        });
        assertEquals(List.of("custom"), order);
    }

    @Test
    void pendingDelayedCallsAreDroppedWhenTheLoopStops() {
        DelayedCall[] late = new DelayedCall[1];
        EventLoop.react(loop -> {
            late[0] = loop.callLater(3600, () -> order.add("never"));
            return Deferreds.succeed(null);
        });
        assertTrue(late[0].active(), "never ran, never cancelled");
        assertEquals(List.of(), order);
    }

    @Test
    void interruptingTheLoopThreadStopsItThroughTheShutdownTriggers() throws InterruptedException {
        EventLoop loop = EventLoop.create("interrupted");
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown", () -> order.add("shutdown trigger"));
        LoopThread running = new LoopThread(loop);
        running.thread.interrupt();
        running.join();
        assertEquals(List.of("shutdown trigger"), order);
        assertTrue(loop.isStopped());
    }

    @Test
    void timersScheduledOrMovedFromAnotherThreadWakeTheLoop() throws InterruptedException {
        try (LoopThread running = new LoopThread(EventLoop.create("timers"))) {
            CountDownLatch scheduled = new CountDownLatch(1);
            running.loop.callLater(0, scheduled::countDown);
            LoopThread.await(scheduled, "a call scheduled from another thread");

            CountDownLatch moved = new CountDownLatch(1);
            DelayedCall[] far = new DelayedCall[1];
            running.runOnLoop(() -> far[0] = running.loop.callLater(3600, moved::countDown));
            far[0].reset(0);                           // the loop sleeps for an hour unless this wakes it
            LoopThread.await(moved, "a call moved from another thread");
        }
    }

    @Test
    void aCallCancelledFromAnotherThreadEitherRunsOrIsCancelledNeverBoth() throws InterruptedException {
        int calls = 2000;
        boolean[] ran = new boolean[calls];
        boolean[] cancelled = new boolean[calls];
        try (LoopThread running = new LoopThread(EventLoop.create("race"))) {
            for (int i = 0; i < calls; i++) {
                int index = i;
                DelayedCall call = running.loop.callLater(0, () -> ran[index] = true);
                try {
                    call.cancel();
                    cancelled[index] = true;
                } catch (AlreadyCalled tooLate) {
                    // it ran (or is running): fine, but then it must have run
                }
            }
            CountDownLatch last = new CountDownLatch(1);
            running.loop.callLater(0, last::countDown);   // due last: calls run in due order
            LoopThread.await(last, "the last call");
        }
        for (int i = 0; i < calls; i++) {
            assertTrue(ran[i] != cancelled[i], "call " + i + " ran=" + ran[i] + " cancelled=" + cancelled[i]);
        }
    }

    @Test
    void anExceptionInAnEventIsLoggedAndTheLoopGoesOn() {
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName())) {
            EventLoop.react(loop -> {
                loop.callFromThread(() -> {
                    throw new IllegalStateException("event blew up");
                });
                loop.callLater(0, () -> {
                    throw new IllegalStateException("timer blew up");
                });
                return Deferreds.deferLater(loop, 0.001, () -> order.add("still running"));
            });
            assertTrue(log.contains("event blew up"), log.messages().toString());
            assertTrue(log.contains("timer blew up"), log.messages().toString());
        }
        assertEquals(List.of("still running"), order);
    }

    @Test
    void reactReturnsTheResultOrThrowsTheOriginalException() {
        assertEquals("done", EventLoop.react(loop -> Deferreds.deferLater(loop, 0, () -> "done")));
        IOException e = assertThrows(IOException.class,
                () -> EventLoop.react(loop -> Deferreds.fail(new IOException("checked"))));
        assertEquals("checked", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventLoop.react(loop -> {
            throw new IllegalArgumentException("main threw");
        }));
        CancelledError stopped = assertThrows(CancelledError.class, () -> EventLoop.react(loop -> {
            loop.stop();
            return new Deferred<>();
        }));
        assertTrue(stopped.getMessage().contains("stopped before main's Deferred fired"), stopped.getMessage());
    }

    @Test
    void theCurrentLoopIsVisibleOnItsThreadOnly() {
        assertEquals(Optional.empty(), EventLoop.current());
        EventLoop seen = EventLoop.react(loop -> {
            assertTrue(loop.inLoopThread());
            return Deferreds.succeed(EventLoop.current().orElseThrow());
        });
        assertFalse(seen.inLoopThread());
        assertEquals(Optional.empty(), EventLoop.current());
    }

    @Test
    void componentsAreOnePerLoop() {
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            EventLoop.react(loop -> {
                StringBuilder first = loop.component(StringBuilder.class, StringBuilder::new);
                assertSame(first, loop.component(StringBuilder.class, () -> new StringBuilder("other")));
                seen.add(first);
                return Deferreds.succeed(null);
            });
        }
        assertNotSame(seen.get(0), seen.get(1));
    }

    @Test
    void namesShowInToString() {
        EventLoop loop = EventLoop.builder().name("named").build();
        assertEquals("named", loop.name());
        assertEquals("EventLoop[named, NEW]", loop.toString());
        assertInstanceOf(ReactorTime.class, loop);
        assertThrows(NullPointerException.class, () -> EventLoop.builder().name(null));
        assertThrows(IllegalArgumentException.class, () -> EventLoop.builder().maxTrackedFailures(0));
    }
}
