package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** addTimeout and deferLater on the deterministic Clock (DeferredAddTimeoutTests, DeferLaterTests). */
class TimeoutAndLaterTest {
    @Test
    void timedOutGivesTimeoutErrorExactlyAtTheTimeout() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(5, clock);
        clock.advance(4.999);
        assertFalse(d.called());
        clock.advance(0.001);
        TimeoutError error = assertInstanceOf(TimeoutError.class, ((Failure) d.currentResult()).value());
        assertEquals("(5, 'Deferred')", error.getMessage());
        d.addErrback(f -> null);
    }

    @Test
    void errbacksAddedBeforeTheTimeoutSeeCancelledError() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> {
            seen.add(f.value());
            return f;
        });
        d.addTimeout(1, clock);
        clock.advance(1);
        assertInstanceOf(CancelledError.class, seen.getFirst());
        assertInstanceOf(TimeoutError.class, ((Failure) d.currentResult()).value());
        d.addErrback(f -> null);
    }

    @Test
    void cancellerSuccessBeatsTheTimeout() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<>(self -> self.callback("canceller value"));
        d.addTimeout(1, clock);
        clock.advance(1);
        assertEquals("canceller value", d.currentResult());
    }

    @Test
    void firingFirstOrCancellingByHandStopsTheTimer() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(1, clock);
        d.callback("in time");
        assertTrue(clock.getDelayedCalls().isEmpty());
        Deferred<String> e = new Deferred<>();
        e.addTimeout(1, clock);
        e.cancel();
        assertTrue(clock.getDelayedCalls().isEmpty());
        assertInstanceOf(CancelledError.class, ((Failure) e.currentResult()).value(), "no TimeoutError");
        e.addErrback(f -> null);
    }

    @Test
    void customOnTimeoutCancelReplacesTheResult() {
        Clock clock = new Clock();
        Deferred<String> d = new Deferred<>();
        d.addTimeout(2, clock, (value, timeout) -> "gave up after " + timeout);
        clock.advance(2);
        assertEquals("gave up after 2.0", d.currentResult());
    }

    @Test
    void deferLaterFiresWithTheFunctionsResultAndCancels() {
        Clock clock = new Clock();
        Deferred<String> d = Deferreds.deferLater(clock, 3, () -> "done");
        clock.advance(3);
        assertEquals("done", d.currentResult());
        List<String> ran = new ArrayList<>();
        Deferred<String> cancelled = Deferreds.deferLater(clock, 3, () -> {
            ran.add("ran");
            return "never";
        });
        cancelled.cancel();
        clock.advance(10);
        assertTrue(ran.isEmpty());
        assertInstanceOf(CancelledError.class, ((Failure) cancelled.currentResult()).value());
        cancelled.addErrback(f -> null);
        Deferred<Object> raising = Deferreds.deferLater(clock, 1, () -> {
            throw new IllegalStateException("in later");
        });
        clock.advance(1);
        assertInstanceOf(IllegalStateException.class, ((Failure) raising.currentResult()).value());
        raising.addErrback(f -> null);
    }
}
