package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DeferredList and gatherResults (Twisted's testDeferredList and friends). */
class DeferredListTest {
    @Test
    void outcomesInInputOrderAndFailuresStayOnTheMembers() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<List<DeferredList.Outcome<String>>> list = DeferredList.of(List.of(a, b));
        IllegalStateException boom = new IllegalStateException("b");
        b.errback(boom);
        assertFalse(list.called());
        a.callback("a");
        @SuppressWarnings("unchecked")
        List<DeferredList.Outcome<String>> outcomes = (List<DeferredList.Outcome<String>>) list.currentResult();
        assertEquals("a", outcomes.get(0).value());
        assertSame(boom, outcomes.get(1).failure().value());
        assertInstanceOf(Failure.class, b.currentResult(), "without consumeErrors the member keeps its failure");
        b.addErrback(f -> null);
    }

    @Test
    void consumeErrorsTurnsMemberFailuresIntoNull() {
        Deferred<String> a = new Deferred<>();
        DeferredList.of(List.of(a), DeferredList.Option.CONSUME_ERRORS);
        a.errback(new IllegalStateException());
        assertNull(a.currentResult());
    }

    @Test
    void emptyListFiresAtOnceButNeverWithFireOnOneCallback() {
        assertEquals(List.of(), DeferredList.of(List.of()).currentResult());
        assertFalse(DeferredList.fireOnOneCallback(List.of()).called());
    }

    @Test
    void fireOnOneCallbackGivesResultAndIndex() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<DeferredList.Outcome<String>> first = DeferredList.fireOnOneCallback(List.of(a, b));
        a.errback(new IllegalStateException());
        a.addErrback(f -> null);
        assertFalse(first.called(), "a failure does not fire a fireOnOneCallback list");
        b.callback("b");
        DeferredList.Outcome<?> outcome = (DeferredList.Outcome<?>) first.currentResult();
        assertEquals("b", outcome.result());
        assertEquals(1, outcome.index());
    }

    @Test
    void fireOnOneErrbackGivesFirstError() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<?> list = DeferredList.of(List.of(a, b), DeferredList.Option.FIRE_ON_ONE_ERRBACK,
                DeferredList.Option.CONSUME_ERRORS);
        IllegalStateException boom = new IllegalStateException("k2");
        b.errback(boom);
        FirstError error = assertInstanceOf(FirstError.class, ((Failure) list.currentResult()).value());
        assertEquals(1, error.index());
        assertSame(boom, error.subFailure().value());
        assertEquals(new FirstError(error.subFailure(), 1), error);
        list.addErrback(f -> null);
    }

    @Test
    void cancellingAnUnfiredListCancelsEveryMember() {
        List<String> cancelled = new ArrayList<>();
        Deferred<String> a = new Deferred<>(self -> cancelled.add("a"));
        Deferred<String> b = new Deferred<>(self -> {
            cancelled.add("b");
            throw new IllegalStateException("logged, not thrown");
        });
        Deferred<?> list = DeferredList.of(List.of(a, b));
        list.cancel();
        assertEquals(List.of("a", "b"), cancelled);
        assertFalse(list.called(), "like Twisted, the list fires only through its members");
    }

    @Test
    void gatherResultsUnwrapsValuesOrFailsWithTheFirstError() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<List<Integer>> all = Deferreds.gatherResults(List.of(a, b));
        b.callback(2);
        a.callback(1);
        assertEquals(List.of(1, 2), all.currentResult());

        Deferred<Integer> c = new Deferred<>();
        Deferred<Integer> d = new Deferred<>();
        Deferred<List<Integer>> failed = Deferreds.gatherResults(List.of(c, d), true);
        d.errback(new IllegalStateException("first"));
        c.errback(new IllegalStateException("ignored"));
        FirstError error = assertInstanceOf(FirstError.class, ((Failure) failed.currentResult()).value());
        assertEquals(1, error.index());
        assertNull(c.currentResult());
        failed.addErrback(f -> null);
        assertTrue(Deferreds.gatherResults(List.of()).called());
    }
}
