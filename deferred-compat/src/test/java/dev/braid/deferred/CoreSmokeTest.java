package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreSmokeTest {
    @Test
    void deferToThreadFiresOnTheLoopThread() {
        List<String> seen = new ArrayList<>();
        String result = EventLoop.react(loop -> {
            Thread loopThread = Thread.currentThread();
            return Threads.deferToThread(() -> Thread.currentThread().isVirtual() ? "virtual" : "platform")
                    .addCallback(value -> {
                        seen.add(Thread.currentThread() == loopThread ? "loop" : "elsewhere");
                        return value;
                    });
        });
        assertEquals("virtual", result);
        assertEquals(List.of("loop"), seen);
    }

    @Test
    void failingSubtaskFailsOnlyItsDeferred() {
        List<Object> outcomes = EventLoop.react(loop -> Deferreds.gatherResults(List.of(
                Threads.deferToThread(() -> { throw new IllegalStateException("boom"); })
                        .addErrback(f -> f.getErrorMessage()),
                Threads.deferToThread(() -> "fine"))));
        assertEquals(List.of("boom", "fine"), outcomes);
    }

    @Test
    void inlineAwaits() {
        String result = EventLoop.react(loop -> Deferreds.inline(() -> {
            String a = Deferreds.await(Threads.deferToThread(() -> "a"));
            String b = Deferreds.await(Deferreds.deferLater(loop, 0.01, () -> "b"));
            return a + b;
        }));
        assertEquals("ab", result);
    }

    @Test
    void loopEndCancelsRunningSubtasks() {
        Object[] outcome = new Object[1];
        EventLoop.react(loop -> {
            Threads.deferToThread(() -> {
                Thread.sleep(60_000);
                return "never";
            }).addBoth(r -> outcome[0] = r);
            return Deferreds.succeed(null);
        });
        Failure failure = assertInstanceOf(Failure.class, outcome[0]);
        assertInstanceOf(CancelledError.class, failure.value());
    }

    @Test
    void awaitOnLoopThreadThrows() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoop.react(loop -> Deferreds.await(new Deferred<>())));
        assertTrue(e.getMessage().contains("deadlock"));
    }

    @Test
    void clockRunsDueCallsInOrder() {
        Clock clock = new Clock();
        List<String> order = new ArrayList<>();
        clock.callLater(2, () -> order.add("b"));
        clock.callLater(1, () -> order.add("a"));
        DelayedCall c = clock.callLater(1, () -> order.add("c"));
        c.reset(3);
        clock.advance(2);
        assertEquals(List.of("a", "b"), order);
        clock.advance(1);
        assertEquals(List.of("a", "b", "c"), order);
        assertThrows(AlreadyCalled.class, c::cancel);
    }

    @Test
    void unhandledFailureTrackedByLoop() {
        List<Failure> seen = new ArrayList<>();
        EventLoop loop = EventLoop.builder().onIdle(l -> {
            seen.addAll(l.takeUnhandledFailures());
            l.stop();
        }).build();
        loop.callWhenRunning(() -> Threads.deferToThread(() -> { throw new IllegalArgumentException("E1"); })
                .addErrback(f -> f));
        loop.run();
        assertEquals(1, seen.size());
        assertSame(IllegalArgumentException.class, seen.getFirst().type());
    }

    @Test
    void aLoopBecomesIdleRightAfterTheDeliveryOfItsLastSubtask() {
        // A subtask that ends at once races the loop: its delivery runs, and the loop must then see
        // no subtask running (the count once dropped after the delivery was queued, leaving the loop
        // waiting for a wake-up that never came).
        for (int round = 0; round < 2_000; round++) {
            int[] idleCalls = {0};
            EventLoop loop = EventLoop.builder().onIdle(l -> {
                idleCalls[0]++;
                l.stop();
            }).build();
            loop.callWhenRunning(() -> Threads.deferToThread(() -> 1));
            loop.run();
            assertEquals(1, idleCalls[0], "round " + round);
        }
    }
}
