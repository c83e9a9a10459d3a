package dev.braid.deferred.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.testing.Trial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Cooperator takes turns between iterators and waits for Deferreds they yield. */
class CooperatorTest {
    @Test
    void twoTasksTakeTurns() {
        Clock clock = new Clock();
        Cooperator cooperator = new Cooperator(clock);
        List<String> order = new ArrayList<>();
        Iterator<Object> a = IntStream.range(0, 3).mapToObj(i -> (Object) order.add("a" + i)).iterator();
        Iterator<Object> b = IntStream.range(0, 3).mapToObj(i -> (Object) order.add("b" + i)).iterator();
        Deferred<Iterator<Object>> doneA = cooperator.coiterateOn(a);
        Deferred<Iterator<Object>> doneB = cooperator.coiterateOn(b);
        clock.pump(0.01, 0.01);
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), order);
        Trial.successResultOf(doneA);
        Trial.successResultOf(doneB);
    }

    @Test
    void aYieldedDeferredPausesOnlyThatTask() {
        Clock clock = new Clock();
        Cooperator cooperator = new Cooperator(clock);
        Deferred<Void> gate = new Deferred<>();
        List<String> order = new ArrayList<>();
        List<Object> steps = List.of("x", gate, "y");
        Iterator<Object> waiting = steps.stream().map(step -> {
            order.add("w:" + step);
            return step;
        }).iterator();
        Deferred<Iterator<Object>> done = cooperator.coiterateOn(waiting);
        cooperator.coiterateOn(List.<Object>of("other").iterator());
        clock.pump(0.01, 0.01, 0.01);
        Trial.assertNoResult(done);
        gate.callback(null);
        clock.pump(0.01, 0.01);
        Trial.successResultOf(done);
        assertEquals("w:y", order.getLast());
    }

    @Test
    void stoppedTasksAndFailingIteratorsFail() {
        Clock clock = new Clock();
        Cooperator cooperator = new Cooperator(clock);
        CooperativeTask task = cooperator.cooperate(List.of(1, 2, 3).iterator());
        Deferred<Iterator<?>> stopped = task.whenDone();
        task.stop();
        Trial.failureResultOf(stopped, Cooperator.TaskStopped.class);
        Iterator<Object> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                throw new IllegalStateException("broken step");
            }
        };
        Deferred<Iterator<Object>> failed = cooperator.coiterateOn(broken);
        clock.advance(0.01);
        assertInstanceOf(IllegalStateException.class, Trial.failureResultOf(failed).value());
    }
}
