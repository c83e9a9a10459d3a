package dev.braid.deferred.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void iteratorsCoiteratedOnOneLoopShareItsCooperatorAndTakeTurns() {
        List<String> order = new ArrayList<>();
        dev.braid.deferred.EventLoop.react(loop -> {
            Iterator<Object> a = IntStream.range(0, 3).mapToObj(i -> (Object) order.add("a" + i)).iterator();
            Iterator<Object> b = IntStream.range(0, 3).mapToObj(i -> (Object) order.add("b" + i)).iterator();
            return dev.braid.deferred.Deferreds.gatherResults(List.of(Cooperator.coiterate(a), Cooperator.coiterate(b)))
                    .addCallback(done -> {
                        assertSame(Cooperator.forCurrentLoop(), Cooperator.forCurrentLoop());
                        return done;
                    });
        });
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), order);
        assertThrows(IllegalStateException.class, () -> Cooperator.coiterate(List.of().iterator()));
    }

    @Test
    void theLoopRunsItsEventsBetweenTicks() {
        List<String> order = new ArrayList<>();
        dev.braid.deferred.EventLoop.react(loop -> {
            Cooperator oneStepAtATime = Cooperator.builder().clock(loop).stepsPerTick(1).build();
            Iterator<Object> steps = IntStream.range(0, 5).mapToObj(i -> {
                if (i == 0) {
                    loop.callFromThread(() -> order.add("event"));
                }
                return (Object) order.add("step" + i);
            }).iterator();
            return oneStepAtATime.coiterateOn(steps);
        });
        assertTrue(order.indexOf("event") < order.indexOf("step4"), order.toString());
        assertEquals(6, order.size());
    }

    @Test
    void aLoopsCooperatorStopsWithTheLoopSoUnfinishedTasksFail() {
        List<Object> outcome = new ArrayList<>();
        dev.braid.deferred.EventLoop.react(loop -> {
            Iterator<Object> forever = java.util.stream.Stream.generate(() -> (Object) "again").iterator();
            Cooperator.coiterate(forever).addErrback(f -> outcome.add(f.type()));
            return dev.braid.deferred.Deferreds.deferLater(loop, 0.001, () -> null);
        });
        assertEquals(List.of(Cooperator.SchedulerStopped.class), outcome);
    }

    @Test
    void pausingResumingAndStoppingFollowTwistedsRules() {
        Clock clock = new Clock();
        Cooperator cooperator = new Cooperator(clock);
        List<Integer> ran = new ArrayList<>();
        CooperativeTask task = cooperator.cooperate(IntStream.range(0, 3).mapToObj(i -> (Object) ran.add(i)).iterator());
        assertThrows(Cooperator.NotPaused.class, task::resume);
        task.pause();
        task.pause();
        clock.advance(1);
        assertEquals(List.of(), ran);
        task.resume();
        clock.advance(1);
        assertEquals(List.of(), ran, "paused twice, resumed once");
        task.resume();
        clock.advance(1);
        assertEquals(3, ran.size());
        assertInstanceOf(Iterator.class, Trial.successResultOf(task.whenDone()));
        assertThrows(Cooperator.TaskDone.class, task::stop);
        assertThrows(Cooperator.TaskDone.class, task::pause);

        CooperativeTask stopped = cooperator.cooperate(List.of(1).iterator());
        stopped.stop();
        assertThrows(Cooperator.TaskStopped.class, stopped::stop);
        Trial.failureResultOf(stopped.whenDone(), Cooperator.TaskStopped.class);

        cooperator.stop();
        assertFalse(cooperator.running());
        assertThrows(Cooperator.SchedulerStopped.class, cooperator::stop);
        Trial.failureResultOf(cooperator.coiterateOn(List.of(1).iterator()), Cooperator.SchedulerStopped.class);
    }

    @Test
    void aFailingYieldedDeferredFailsTheTaskWithItsFailure() {
        Clock clock = new Clock();
        Cooperator cooperator = new Cooperator(clock);
        Deferred<Void> step = new Deferred<>();
        Deferred<Iterator<Object>> done = cooperator.coiterateOn(List.<Object>of(step, "never").iterator());
        clock.advance(1);
        step.errback(new IllegalStateException("the step failed"));
        assertEquals("the step failed", Trial.failureResultOf(done, IllegalStateException.class).getErrorMessage());
    }

    @Test
    void aPausedTaskFailsToWhenItsCooperatorStops() {
        Cooperator cooperator = new Cooperator(new Clock());
        CooperativeTask task = cooperator.cooperate(List.of(1).iterator());
        task.pause();
        Deferred<Iterator<?>> done = task.whenDone();
        cooperator.stop();
        Trial.failureResultOf(done, Cooperator.SchedulerStopped.class);
        assertThrows(Cooperator.SchedulerStopped.class, task::pause);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Cooperator.builder().stepsPerTick(0));
        assertThrows(IllegalArgumentException.class, () -> Cooperator.builder().timeSlice(java.time.Duration.ZERO));
        assertThrows(NullPointerException.class, () -> Cooperator.builder().build());
    }
}
