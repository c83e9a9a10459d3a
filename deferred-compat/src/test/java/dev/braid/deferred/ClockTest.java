package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** task.Clock and DelayedCall (Twisted's ClockTests and the DelayedCall checks of p03). */
class ClockTest {
    private final Clock clock = new Clock();
    private final List<String> ran = new ArrayList<>();

    @Test
    void startsAtZeroAndAdvances() {
        assertEquals(0.0, clock.seconds());
        clock.advance(1.5);
        clock.pump(1, 2);
        assertEquals(4.5, clock.seconds());
    }

    @Test
    void runsDueCallsEarliestFirstAndTiesInSchedulingOrder() {
        clock.callLater(2, () -> ran.add("two"));
        clock.callLater(1, () -> ran.add("one-a"));
        clock.callLater(1, () -> ran.add("one-b"));
        clock.callLater(Duration.ofMillis(1500), () -> ran.add("one-and-a-half"));
        clock.advance(1);
        assertEquals(List.of("one-a", "one-b"), ran);
        clock.advance(5);
        assertEquals(List.of("one-a", "one-b", "one-and-a-half", "two"), ran);
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void callsScheduledDuringAnAdvanceRunInItWhenDue() {
        clock.callLater(1, () -> {
            ran.add("f");
            clock.callLater(0, () -> ran.add("g"));          // due now: runs in the same advance
            clock.callLater(0.5, () -> ran.add("h"));        // "now" is already 2, as in Twisted: due at 2.5
        });
        clock.advance(2);
        assertEquals(List.of("f", "g"), ran);
        assertEquals(2.5, clock.getDelayedCalls().getFirst().getTime());
        clock.advance(0.5);
        assertEquals(List.of("f", "g", "h"), ran);
    }

    @Test
    void anExceptionEscapesAdvanceAndLaterCallsStayPending() {
        clock.callLater(1, () -> {
            throw new IllegalStateException("boom");
        });
        clock.callLater(2, () -> ran.add("after"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.advance(3));
        assertEquals("boom", e.getMessage());
        assertEquals(List.of(), ran);
        clock.advance(0);
        assertEquals(List.of("after"), ran);
    }

    @Test
    void delayedCallReportsItsStateAndTime() {
        DelayedCall call = clock.callLater(3, () -> ran.add("x"));
        assertTrue(call.active());
        assertEquals(3.0, call.getTime());
        assertEquals(List.of(call), clock.getDelayedCalls());
        clock.advance(3);
        assertFalse(call.active());
        assertEquals(List.of("x"), ran);
    }

    @Test
    void resetAndDelayMoveTheCallEarlierOrLater() {
        DelayedCall a = clock.callLater(5, () -> ran.add("a"));
        DelayedCall b = clock.callLater(3, () -> ran.add("b"));
        a.reset(1);           // from now: 1
        b.delay(1);           // from its due time: 4
        assertEquals(1.0, a.getTime());
        assertEquals(4.0, b.getTime());
        clock.advance(1);
        assertEquals(List.of("a"), ran);
        b.reset(10);          // counted from now (1): 11
        assertEquals(11.0, b.getTime());
        clock.advance(9);
        assertEquals(List.of("a"), ran);
        clock.advance(1);
        assertEquals(List.of("a", "b"), ran);
    }

    @Test
    void cancelledCallsNeverRunAndSayWhyWithTwistedsMessages() {
        DelayedCall call = clock.callLater(1, () -> ran.add("never"));
        call.cancel();
        assertFalse(call.active());
        clock.advance(2);
        assertEquals(List.of(), ran);
        for (Runnable again : List.<Runnable>of(call::cancel, () -> call.reset(1), () -> call.delay(1))) {
            AlreadyCancelled e = assertThrows(AlreadyCancelled.class, again::run);
            assertEquals("Tried to cancel an already-cancelled event.", e.getMessage());
        }
    }

    @Test
    void callsThatRanCannotBeCancelledOrMoved() {
        DelayedCall call = clock.callLater(1, () -> ran.add("ran"));
        clock.advance(1);
        for (Runnable late : List.<Runnable>of(call::cancel, () -> call.reset(1), () -> call.delay(1))) {
            AlreadyCalled e = assertThrows(AlreadyCalled.class, late::run);
            assertEquals("Tried to cancel an already-called event.", e.getMessage());
        }
    }

    @Test
    void aCallIsAlreadyCalledWhileItRuns() {
        DelayedCall[] self = new DelayedCall[1];
        List<Object> seen = new ArrayList<>();
        self[0] = clock.callLater(1, () -> {
            seen.add(self[0].active());
            seen.add(assertThrows(AlreadyCalled.class, self[0]::cancel).getClass());
        });
        clock.advance(1);
        assertEquals(List.of(false, AlreadyCalled.class), seen);
    }

    @Test
    void badDelaysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> clock.callLater(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> clock.callLater(Double.NaN, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> clock.callLater(Double.POSITIVE_INFINITY, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(-0.5));
        DelayedCall call = clock.callLater(1, () -> { });
        assertThrows(IllegalArgumentException.class, () -> call.reset(-1));
        assertTrue(call.active());
        assertSame(call, clock.getDelayedCalls().getFirst());
    }
}
