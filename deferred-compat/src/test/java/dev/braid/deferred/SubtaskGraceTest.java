package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The end of a loop whose subtasks do not stop when interrupted: waited for
 * up to the grace, then logged once with their stacks and left running, so
 * that {@code run()} returns; or, with no grace, waited for as long as they take.
 */
@Timeout(60)
class SubtaskGraceTest {
    private static final ScopedValue<String> REQUEST = ScopedValue.newInstance();

    @Test
    void aSubtaskThatIgnoresItsInterruptIsLoggedOnceWithItsStackAndLeftRunning() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        EventLoop loop = EventLoop.builder().name("stubborn").subtaskGrace(Duration.ofMillis(200)).build();
        loop.callWhenRunning(() -> startThenStop(loop, () -> {
            worker.set(Thread.currentThread());
            waitIgnoringInterrupts(release);
            return "too late";
        }, outcomes));
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName())) {
            loop.run();                     // returns although the subtask still runs
            assertTrue(worker.get().isAlive(), "the subtask is left running");
            assertEquals(1, log.messages().size(), String.join("\n", log.messages()));
            String report = log.messages().getFirst();
            assertTrue(report.startsWith("Loop stubborn ended with 1 subtask still running 0.2 s after being "
                    + "interrupted; left running, its result will be dropped"), report);
            assertTrue(report.contains("\"" + worker.get().getName() + "\""), report);
            assertTrue(report.contains(SubtaskGraceTest.class.getName() + ".waitIgnoringInterrupts("), report);
        } finally {
            release.countDown();
        }
        assertTrue(worker.get().join(Duration.ofSeconds(30)), "the subtask ends on its own");
        assertEquals(1, outcomes.size());
        assertInstanceOf(CancelledError.class, ((Failure) outcomes.getFirst()).value());
        assertTrue(loop.isStopped());
    }

    @Test
    void aSpinningSubtaskDoesNotHoldUpTheLoopsEndEither() throws InterruptedException {
        AtomicBoolean spin = new AtomicBoolean(true);
        AtomicReference<Thread> worker = new AtomicReference<>();
        EventLoop loop = EventLoop.builder().name("spinner").subtaskGrace(Duration.ZERO).build();
        loop.callWhenRunning(() -> startThenStop(loop, () -> {
            worker.set(Thread.currentThread());
            while (spin.get()) {
                Thread.onSpinWait();
            }
            return null;
        }, new CopyOnWriteArrayList<>()));
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName())) {
            loop.run();
            assertTrue(log.contains("Loop spinner ended with 1 subtask still running"), String.join("\n", log.messages()));
        } finally {
            spin.set(false);
        }
        assertTrue(worker.get().join(Duration.ofSeconds(30)));
    }

    @Test
    void withoutAGraceTheLoopWaitsForTheSubtaskAsLongAsItTakes() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicReference<String> seen = new AtomicReference<>();
        EventLoop loop = EventLoop.builder().name("patient").subtaskGraceForever().build();
        loop.callWhenRunning(() -> startThenStop(loop, () -> {
            worker.set(Thread.currentThread());
            seen.set(REQUEST.isBound() ? REQUEST.get() : "unbound");
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            waitIgnoringInterrupts(release);
            return null;
        }, new CopyOnWriteArrayList<>()));
        Thread releaser = Thread.ofVirtual().start(() -> {
            waitIgnoringInterrupts(interrupted);
            release.countDown();
        });
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName())) {
            ScopedValue.where(REQUEST, "alice").run(loop::run);
            assertFalse(worker.get().isAlive(), "run() returned only once the subtask had ended");
            assertFalse(log.contains("still running"));
        }
        releaser.join();
        // Only a subtask that runs in the scope itself inherits what is bound around run().
        assertEquals(loop.backendName().orElseThrow().equals("structured") ? "alice" : "unbound", seen.get());
    }

    @Test
    void aSubtaskThatStopsWhenInterruptedIsNotReported() {
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName())) {
            EventLoop loop = EventLoop.builder().name("polite").subtaskGrace(Duration.ofSeconds(30)).build();
            List<Object> outcomes = new CopyOnWriteArrayList<>();
            loop.callWhenRunning(() -> startThenStop(loop, () -> {
                new CountDownLatch(1).await();
                return null;
            }, outcomes));
            loop.run();
            assertInstanceOf(CancelledError.class, ((Failure) outcomes.getFirst()).value());
            assertFalse(log.contains("still running"));
        }
    }

    @Test
    void theGraceComesFromTheSystemPropertyAndABadOneIsRefusedClearly() {
        String before = System.getProperty(LoopSubtasks.GRACE_PROPERTY);
        try {
            System.setProperty(LoopSubtasks.GRACE_PROPERTY, "2.5");
            assertEquals(Duration.ofMillis(2500), LoopSubtasks.defaultGrace());
            System.setProperty(LoopSubtasks.GRACE_PROPERTY, "forever");
            assertEquals(null, LoopSubtasks.defaultGrace());
            System.setProperty(LoopSubtasks.GRACE_PROPERTY, "soon");
            assertEquals("-Dbraid.subtasks.grace must be seconds (0 or more) or forever, not soon",
                    assertThrows(IllegalArgumentException.class, EventLoop::builder).getMessage());
            System.clearProperty(LoopSubtasks.GRACE_PROPERTY);
            assertEquals(Duration.ofSeconds(10), LoopSubtasks.defaultGrace());
            assertThrows(IllegalArgumentException.class, () -> EventLoop.builder().subtaskGrace(Duration.ofSeconds(-1)));
        } finally {
            if (before == null) {
                System.clearProperty(LoopSubtasks.GRACE_PROPERTY);
            } else {
                System.setProperty(LoopSubtasks.GRACE_PROPERTY, before);
            }
        }
    }

    /** Forks {@code work}, and stops the loop once it has started. */
    private static void startThenStop(EventLoop loop, java.util.concurrent.Callable<Object> work, List<Object> outcomes) {
        CountDownLatch started = new CountDownLatch(1);
        Threads.deferToThread(() -> {
            started.countDown();
            return work.call();
        }).addBoth(outcome -> outcomes.add(outcome));
        Threads.deferToThread(() -> started.await(30, TimeUnit.SECONDS)).addBoth(ignored -> {
            loop.stop();
            return null;
        });
    }

    private static void waitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                if (latch.await(30, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException ignored) {
                // on purpose: this subtask does not stop when asked to
            }
        }
    }
}
