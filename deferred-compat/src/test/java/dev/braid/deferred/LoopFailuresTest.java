package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which loops remember their unhandled failures, how many, and what taking them means. */
class LoopFailuresTest {
    @Test
    void aLoopWithoutIdleListenerLeavesFailuresToTheGarbageCollector() {
        EventLoop.react(loop -> {
            Deferreds.fail(new IllegalStateException("not tracked"));
            assertEquals(List.of(), loop.unhandledFailures());
            assertFalse(loop.hasUnhandledFailures());
            assertEquals(List.of(), loop.takeUnhandledFailures());
            return Deferreds.succeed(null);
        });
    }

    @Test
    void aTrackingLoopListsFailedChainsOldestFirstUpToItsCap() {
        EventLoop loop = EventLoop.builder().name("capped").trackUnhandledFailures(true).maxTrackedFailures(2).build();
        List<String> seen = new CopyOnWriteArrayList<>();
        loop.callWhenRunning(() -> {
            Deferreds.fail(new IllegalStateException("first"));
            Deferred<Object> second = Deferreds.fail(new IllegalStateException("second"));
            Deferreds.fail(new IllegalStateException("third"));
            seen.add(messages(loop.unhandledFailures()));      // the cap keeps the newest two
            second.addErrback(f -> null);                      // handled late: drops out
            seen.add(messages(loop.unhandledFailures()));
            Deferred<Object> later = new Deferred<>();
            later.addCallback(x -> {
                throw new IllegalArgumentException("a callback threw");
            });
            later.callback("x");
            seen.add(messages(loop.takeUnhandledFailures()));
            seen.add(messages(loop.unhandledFailures()));
            loop.stop();
        });
        loop.run();
        assertEquals(List.of("[second, third]", "[third]", "[third, a callback threw]", "[]"), seen);
    }

    @Test
    void takenFailuresAreNotReportedAgainWhenCollected() throws InterruptedException {
        List<String> reported = new CopyOnWriteArrayList<>();
        Semaphore reports = new Semaphore(0);
        Consumer<Failure> previous = UnhandledErrors.setSink(f -> {
            reported.add(f.getErrorMessage());
            reports.release();
        });
        try {
            EventLoop loop = EventLoop.builder().name("taker").trackUnhandledFailures(true).build();
            loop.callWhenRunning(() -> {
                Deferreds.fail(new IllegalStateException("taken by the web layer"));
                Deferreds.fail(new IllegalStateException("left alone"));
                assertEquals(2, loop.takeUnhandledFailures().size());
                failOutsideAnyLoop();
                loop.stop();
            });
            loop.run();
            for (int i = 0; i < 200 && !reported.contains("sentinel"); i++) {
                System.gc();
                reports.tryAcquire(50, TimeUnit.MILLISECONDS);
            }
            assertTrue(reported.contains("sentinel"), "the garbage collector reported nothing: " + reported);
            assertFalse(reported.contains("taken by the web layer"), reported.toString());
            assertFalse(reported.contains("left alone"), reported.toString());
        } finally {
            UnhandledErrors.setSink(previous);
        }
    }

    private static void failOutsideAnyLoop() {
        Thread.ofVirtual().start(() -> Deferreds.fail(new IllegalStateException("sentinel")));
    }

    @Test
    void onIdleRunsEachTimeTheLoopRunsOutOfWork() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventLoop loop = EventLoop.builder().name("idle").onIdle(l -> {
            seen.add("idle");
            switch (seen.size()) {
                case 2 -> Threads.deferToThread(() -> "worked").addCallback(seen::add);
                case 4 -> l.callLater(0.001, () -> seen.add("timer"));
                default -> l.stop();
            }
        }).build();
        assertTrue(loop.isIdle(), "a new loop has nothing to do");
        loop.callWhenRunning(() -> seen.add("start"));
        loop.run();
        assertEquals(List.of("start", "idle", "worked", "idle", "timer", "idle"), seen);
    }

    private static String messages(List<Failure> failures) {
        return failures.stream().map(Failure::getErrorMessage).toList().toString();
    }
}
