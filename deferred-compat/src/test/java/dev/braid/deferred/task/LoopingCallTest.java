package dev.braid.deferred.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.testing.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LoopingCall on the Clock (Twisted's LoopTests). */
class LoopingCallTest {
    @Test
    void callsOnAGridAndSkipsMissedTicks() {
        Clock clock = new Clock();
        List<Double> times = new ArrayList<>();
        LoopingCall lc = new LoopingCall(() -> times.add(clock.seconds()));
        lc.setClock(clock);
        lc.start(2, true);
        clock.pump(2, 2);
        assertEquals(List.of(0.0, 2.0, 4.0), times);
        clock.advance(7);                 // to 11: one call, not three
        assertEquals(List.of(0.0, 2.0, 4.0, 11.0), times);
        clock.advance(1);                 // the grid: 12, not 13
        assertEquals(12.0, times.getLast());
    }

    @Test
    void withCountTellsHowManyIntervalsPassed() {
        Clock clock = new Clock();
        List<Integer> counts = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(counts::add);
        lc.setClock(clock);
        lc.start(1, true);
        clock.advance(1);
        clock.advance(3.5);
        assertEquals(List.of(1, 1, 3), counts);
    }

    @Test
    void stopFiresTheDeferredWithTheLoopingCall() {
        Clock clock = new Clock();
        LoopingCall lc = new LoopingCall(() -> null);
        lc.setClock(clock);
        Deferred<LoopingCall> done = lc.start(1, false);
        Trial.assertNoResult(done);
        lc.stop();
        assertSame(lc, Trial.successResultOf(done));
        IllegalStateException e = assertThrows(IllegalStateException.class, lc::stop);
        assertEquals("Tried to stop a LoopingCall that was not running.", e.getMessage());
    }

    @Test
    void anExceptionStopsTheLoopAndFailsTheDeferred() {
        Clock clock = new Clock();
        int[] calls = {0};
        LoopingCall lc = new LoopingCall(() -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("third call");
            }
            return null;
        });
        lc.setClock(clock);
        Deferred<LoopingCall> done = lc.start(1, true);
        clock.pump(1, 1, 1, 1);
        assertEquals(3, calls[0]);
        assertFalse(lc.running());
        assertEquals("third call", Trial.failureResultOf(done, IllegalStateException.class).getErrorMessage());
    }

    @Test
    void aPendingDeferredHoldsTheNextCallAndTheStop() {
        Clock clock = new Clock();
        Deferred<Void> work = new Deferred<>();
        int[] calls = {0};
        LoopingCall lc = new LoopingCall(() -> {
            calls[0]++;
            return calls[0] == 1 ? work : null;
        });
        lc.setClock(clock);
        Deferred<LoopingCall> done = lc.start(1, true);
        clock.pump(1, 1, 1);
        assertEquals(1, calls[0], "nothing scheduled while the first call's Deferred is pending");
        lc.stop();
        Trial.assertNoResult(done);
        work.callback(null);
        assertSame(lc, Trial.successResultOf(done));
    }

    @Test
    void badArguments() {
        LoopingCall lc = new LoopingCall(() -> null);
        lc.setClock(new Clock());
        assertEquals("interval must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> lc.start(-1, true)).getMessage());
        lc.start(1, false);
        assertEquals("Tried to start an already running LoopingCall.",
                assertThrows(IllegalStateException.class, () -> lc.start(1, false)).getMessage());
    }

    @Test
    void startingLaterCallsFirstAfterOneInterval() {
        Clock clock = new Clock();
        List<Double> times = new ArrayList<>();
        LoopingCall lc = new LoopingCall(() -> times.add(clock.seconds()));
        lc.setClock(clock);
        lc.start(2, false);
        clock.pump(1, 1, 1, 1);
        assertEquals(List.of(2.0, 4.0), times);
    }

    @Test
    void resetRestartsTheGridFromNow() {
        Clock clock = new Clock();
        List<Double> times = new ArrayList<>();
        LoopingCall lc = new LoopingCall(() -> times.add(clock.seconds()));
        lc.setClock(clock);
        lc.start(2, true);
        clock.advance(1.5);
        lc.reset();                               // next at 3.5, not 2
        clock.pump(0.5, 1, 0.5);
        assertEquals(List.of(0.0, 3.5), times);
        LoopingCall idle = new LoopingCall(() -> null);
        idle.setClock(clock);
        assertEquals("Tried to reset a LoopingCall that was not running.",
                assertThrows(IllegalStateException.class, idle::reset).getMessage());
    }

    @Test
    void stoppingFromInsideTheFunctionFiresTheDeferredAfterIt() {
        Clock clock = new Clock();
        LoopingCall[] self = new LoopingCall[1];
        int[] calls = {0};
        self[0] = new LoopingCall(() -> {
            if (++calls[0] == 2) {
                self[0].stop();
            }
            return null;
        });
        self[0].setClock(clock);
        Deferred<LoopingCall> done = self[0].start(1, true);
        clock.advance(1);
        assertSame(self[0], Trial.successResultOf(done));
        clock.pump(1, 1);
        assertEquals(2, calls[0]);
        assertTrue(clock.getDelayedCalls().isEmpty());
    }

    @Test
    void aFailedDeferredFromTheFunctionStopsTheLoop() {
        Clock clock = new Clock();
        LoopingCall lc = new LoopingCall(() -> Deferreds.fail(new IllegalArgumentException("async failure")));
        lc.setClock(clock);
        Deferred<LoopingCall> done = lc.start(1, true);
        assertFalse(lc.running());
        assertEquals("async failure", Trial.failureResultOf(done, IllegalArgumentException.class).getErrorMessage());
    }

    @Test
    void intervalZeroRunsAsOftenAsTheLoopAllows() {
        int[] calls = {0};
        LoopingCall[] self = new LoopingCall[1];
        LoopingCall stopped = dev.braid.deferred.EventLoop.react(loop -> {
            self[0] = new LoopingCall(() -> {
                if (++calls[0] == 5) {
                    self[0].stop();
                }
                return null;
            });
            return self[0].start(0, true);
        });
        assertSame(self[0], stopped);
        assertEquals(5, calls[0]);
    }

    @Test
    void withCountCountsFromTheStartWhenNotCallingAtOnce() {
        Clock clock = new Clock();
        List<Integer> counts = new ArrayList<>();
        LoopingCall lc = LoopingCall.withCount(counts::add);
        lc.setClock(clock);
        lc.start(1, false);
        clock.pump(1, 2.5, 0.5);
        assertEquals(List.of(1, 2, 1), counts);
        assertTrue(lc.toString().startsWith("LoopingCall<1.0>("), lc.toString());
    }

    @Test
    void aLoopingCallNeedsAClock() {
        LoopingCall lc = new LoopingCall(() -> null);
        assertThrows(IllegalStateException.class, () -> lc.start(1, true));
    }
}
