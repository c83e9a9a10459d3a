package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deferred's chain semantics, named after the Twisted tests they mirror (test_defer.py). */
class DeferredTest {
    @AfterEach
    void debuggingOff() {
        Deferred.setDebugging(false);
    }

    @Test
    void callbackWithArgs() {
        List<String> seen = new ArrayList<>();
        Deferred<String> d = new Deferred<>();
        d.addCallback((result, arg) -> seen.add(result + "," + arg), "extra");
        d.callback("hello");
        assertEquals(List.of("hello,extra"), seen);
    }

    @Test
    void addCallbacksNullErrbackPassesThrough() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallbacks(r -> r, null).addErrback(f -> seen.add(f.value()));
        IllegalStateException error = new IllegalStateException("x");
        d.errback(error);
        assertEquals(List.of(error), seen);
    }

    @Test
    void immediateSuccessAndFailure() {
        assertEquals("ok", Deferreds.succeed("ok").currentResult());
        Failure failure = assertInstanceOf(Failure.class, Deferreds.fail(new KeyError()).currentResult());
        assertInstanceOf(KeyError.class, failure.value());
        Deferreds.fail(new KeyError()).addErrback(f -> null); // handled
    }

    @Test
    void pausedFailureAndUnpauseBeforeCallback() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.pause();
        d.addBoth(seen::add);
        d.errback(new IllegalStateException("while paused"));
        assertTrue(seen.isEmpty());
        d.unpause();
        assertEquals(1, seen.size());
        Deferred<String> e = new Deferred<>();
        e.pause();
        e.unpause();
        e.addCallback(seen::add);
        e.callback("later");
        assertEquals("later", seen.getLast());
    }

    @Test
    void returnDeferredSuspendsTheOuterChain() {
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        List<String> seen = new ArrayList<>();
        outer.addCallbackDeferred(r -> inner).addCallback(seen::add);
        outer.callback("outer");
        assertTrue(seen.isEmpty());
        assertEquals(1, outer.pausedCount());
        assertSame(inner, outer.currentResult());
        inner.callback("inner");
        assertEquals(List.of("inner"), seen);
        assertNull(inner.currentResult(), "the inner result moves to the outer chain");
    }

    @Test
    void chainedPausedDeferredWithResult() {
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = Deferreds.succeed("inner");
        inner.pause();
        List<String> seen = new ArrayList<>();
        outer.addCallbackDeferred(r -> inner).addCallback(seen::add);
        outer.callback("x");
        assertTrue(seen.isEmpty());
        inner.unpause();
        assertEquals(List.of("inner"), seen);
    }

    @Test
    void callbackOrderPreserved() {
        List<String> order = new ArrayList<>();
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        inner.addCallback(r -> {
            order.add("inner first");
            return r;
        });
        outer.addCallbackDeferred(r -> inner).addCallback(r -> order.add("outer after"));
        outer.callback("go");
        inner.addCallback(r -> {
            order.add("inner added after the chain");
            return r;
        });
        inner.callback("x");
        assertEquals(List.of("inner first", "outer after", "inner added after the chain"), order);
    }

    @Test
    void reentrantCallbacksRunAfterTheCurrentOne() {
        Deferred<String> d = new Deferred<>();
        List<String> order = new ArrayList<>();
        d.addCallback(r -> {
            d.addCallback(inner -> {
                order.add("added inside");
                return inner;
            });
            order.add("outer done");
            return r;
        });
        d.callback("x");
        assertEquals(List.of("outer done", "added inside"), order);
    }

    @Test
    void returningItselfStallsTheChain() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(r -> d).addCallback(seen::add);
        d.callback("x");
        assertTrue(seen.isEmpty());
        assertSame(d, d.currentResult());
        assertEquals(1, d.pausedCount());
    }

    @Test
    void cancellingADeferredThatWaitsOnItselfThrowsAndChangesNothing() {
        Deferred<Object> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(r -> d).addBoth(seen::add);
        d.callback("x");
        assertThrows(DeferredCycleError.class, d::cancel);
        assertSame(d, d.currentResult());
        assertEquals(1, d.pausedCount());
        assertTrue(seen.isEmpty());
    }

    @Test
    void twoDeferredsWaitingOnEachOtherRefuseCancelInsteadOfOverflowingTheStack() {
        Deferred<Object> a = new Deferred<>();
        Deferred<Object> b = new Deferred<>();
        Deferred<Object> waitingOnA = new Deferred<>();
        a.addCallback(r -> b);
        b.addCallback(r -> a);
        waitingOnA.addCallback(r -> a);
        a.callback(1);
        b.callback(2);
        waitingOnA.callback(3);
        assertThrows(DeferredCycleError.class, a::cancel);
        assertThrows(DeferredCycleError.class, b::cancel);
        assertThrows(DeferredCycleError.class, waitingOnA::cancel, "a cycle further down the chain");
        assertSame(b, a.currentResult());
        assertSame(a, b.currentResult());
    }

    @Test
    void aCycleMetInsideACallbackIsAFailureTheChainCanHandle() {
        Deferred<Object> stuck = new Deferred<>();
        stuck.addCallback(r -> stuck);
        stuck.callback("x");
        Deferred<String> d = new Deferred<>();
        d.addCallback(r -> {
            stuck.cancel();
            return "not reached";
        }).addErrback(f -> f.check(DeferredCycleError.class).isPresent() ? "handled" : f);
        d.callback("go");
        assertEquals("handled", d.currentResult());
    }

    @Test
    void cancellingTheTopOfAHundredThousandLevelsCancelsTheInnermostWithoutRecursing() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> innermost = new Deferred<>(d -> cancelled.add("innermost"));
        Deferred<String> top = innermost;
        for (int i = 0; i < 100_000; i++) {
            Deferred<String> inner = top;
            Deferred<String> outer = new Deferred<>();
            outer.addCallbackDeferred(r -> inner);
            outer.callback("waiting");
            top = outer;
        }
        top.cancel();
        assertEquals(List.of("innermost"), cancelled);
        Failure failure = assertInstanceOf(Failure.class, top.currentResult());
        assertInstanceOf(CancelledError.class, failure.value());
        top.addErrback(f -> null);
    }

    @Test
    void aCounterBelowZeroHoldsCallbacksUntilAPauseBringsItBack() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.unpause();
        d.addCallback(seen::add);
        d.callback("held");
        assertEquals(List.of(), seen, "Twisted holds callbacks whenever the counter is not zero");
        assertEquals(-1, d.pausedCount());
        d.pause();
        assertEquals(List.of(), seen, "pause() alone runs nothing");
        d.addCallback(r -> r);
        assertEquals(List.of("held"), seen);
    }

    @Test
    void boundedStackDepthForLongChains() {
        Deferred<Integer> d = new Deferred<>();
        for (int i = 0; i < 100_000; i++) {
            d.addCallback(n -> n + 1);
        }
        d.callback(0);
        assertEquals(100_000, d.currentResult());
    }

    @Test
    void deepNestingOfTenThousandLevels() {
        List<Deferred<String>> levels = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            levels.add(new Deferred<>());
        }
        for (int i = 0; i < 10_000; i++) {
            Deferred<String> next = levels.get(i + 1);
            levels.get(i).addCallbackDeferred(r -> next);
        }
        for (int i = 0; i < 10_000; i++) {
            levels.get(i).callback("waiting");
        }
        levels.getLast().callback("deep");
        assertEquals("deep", levels.getFirst().currentResult());
    }

    @Test
    void reprWithChaining() {
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        assertTrue(outer.toString().matches("<Deferred at 0x[0-9a-f]+>"));
        outer.addCallbackDeferred(r -> inner);
        outer.callback("x");
        assertTrue(outer.toString().matches("<Deferred at 0x[0-9a-f]+ waiting on Deferred at 0x[0-9a-f]+>"),
                outer.toString());
        assertTrue(Deferreds.succeed(3).toString().endsWith("current result: 3>"));
    }

    @Test
    void alreadyCalledInAllFourCombinations() {
        for (boolean firstOk : new boolean[] {true, false}) {
            for (boolean secondOk : new boolean[] {true, false}) {
                Deferred<String> d = new Deferred<>();
                fire(d, firstOk);
                AlreadyCalledError error = assertThrows(AlreadyCalledError.class, () -> fire(d, secondOk));
                assertNull(error.getMessage());
                d.addErrback(f -> null);
            }
        }
    }

    @Test
    void alreadyCalledDebugNamesCreatorAndInvoker() {
        Deferred.setDebugging(true);
        Deferred<String> d = new Deferred<>();
        d.callback("first");
        AlreadyCalledError error = assertThrows(AlreadyCalledError.class, () -> d.callback("second"));
        assertTrue(error.getMessage().contains(" C: Deferred was created:"), error.getMessage());
        assertTrue(error.getMessage().contains(" I: First Invoker was:"), error.getMessage());
        assertTrue(error.getMessage().contains("alreadyCalledDebugNamesCreatorAndInvoker"));
    }

    @Test
    void callbackWithADeferredIsRejected() {
        Deferred<Object> d = new Deferred<>();
        assertThrows(IllegalArgumentException.class, () -> d.callback(new Deferred<>()));
        assertFalse(d.called());
    }

    @Test
    void callbackWithAFailureActsAsErrback() {
        Deferred<Object> d = new Deferred<>();
        List<String> sides = new ArrayList<>();
        d.addCallbacks(r -> sides.add("cb"), f -> sides.add("eb"));
        d.callback(new Failure(new KeyError()));
        assertEquals(List.of("eb"), sides);
    }

    @Test
    void sameFailureObjectTravelsAndTrapRethrowsTheOriginal() {
        Deferred<String> d = new Deferred<>();
        KeyError original = new KeyError();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> f.trap(IllegalStateException.class)).addErrback(f -> seen.add(f.value()));
        d.errback(original);
        assertSame(original, seen.getFirst());
    }

    @Test
    void noCancellerGivesCancelledErrorAndSwallowsOneLateResult() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> seen.add(f.value()));
        d.cancel();
        assertInstanceOf(CancelledError.class, seen.getFirst());
        d.callback("late");                    // swallowed
        assertThrows(AlreadyCalledError.class, () -> d.callback("later"));
    }

    @Test
    void cancellerThatCallbacksOrErrbacksWins() {
        Deferred<String> a = new Deferred<>(self -> self.callback("from canceller"));
        a.cancel();
        assertEquals("from canceller", a.currentResult());
        Deferred<String> b = new Deferred<>(self -> self.errback(new KeyError()));
        b.cancel();
        assertInstanceOf(KeyError.class, ((Failure) b.currentResult()).value());
        b.addErrback(f -> null);
    }

    @Test
    void cancellerThatDoesNothingDoesNotSwallowLateResults() {
        List<Deferred<String>> seen = new ArrayList<>();
        Deferred<String> d = new Deferred<>(seen::add);
        d.addErrback(f -> null);
        d.cancel();
        assertSame(d, seen.getFirst());
        assertThrows(AlreadyCalledError.class, () -> d.callback("late"));
    }

    @Test
    void cancellerExceptionPropagatesAndLeavesItUnfired() {
        Deferred<String> d = new Deferred<>(self -> {
            throw new KeyError();
        });
        assertThrows(KeyError.class, d::cancel);
        assertFalse(d.called());
    }

    @Test
    void cancelNestedDeferredCancelsTheInnerOne() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> inner = new Deferred<>(self -> cancelled.add("inner"));
        Deferred<String> outer = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallbackDeferred(r -> inner).addErrback(f -> seen.add(f.value()));
        outer.callback("go");
        outer.cancel();
        assertEquals(List.of("inner"), cancelled);
        assertInstanceOf(CancelledError.class, seen.getFirst());
    }

    @Test
    void cancelAfterCallbackDoesNothing() {
        Deferred<String> d = Deferreds.succeed("done");
        d.cancel();
        d.cancel();
        assertEquals("done", d.currentResult());
    }

    @Test
    void chainDeferredMovesTheResult() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        a.chainDeferred(b);
        a.callback("x");
        assertEquals("x", b.currentResult());
        assertNull(a.currentResult());
    }

    @Test
    void errbackRecoveryReturnsToTheCallbackSide() {
        Deferred<String> d = new Deferred<>();
        List<String> seen = new ArrayList<>();
        d.addCallback(r -> {
            throw new IllegalStateException("bad");
        }).addErrback(f -> "recovered").addCallback(r -> seen.add((String) r));
        d.callback("x");
        assertEquals(List.of("recovered"), seen);
    }

    @Test
    void checkedExceptionsBecomeFailures() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(r -> {
            throw new java.io.IOException("disk");
        }).addErrback(f -> seen.add(f.check(java.io.IOException.class).orElseThrow()));
        d.callback("x");
        assertEquals(List.of(java.io.IOException.class), seen);
    }

    private static void fire(Deferred<String> d, boolean ok) {
        if (ok) {
            d.callback("value");
        } else {
            d.errback(new KeyError());
        }
    }

    /** A stand-in for Python's KeyError. */
    static final class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
