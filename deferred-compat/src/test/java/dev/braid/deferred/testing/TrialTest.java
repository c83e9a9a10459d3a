package dev.braid.deferred.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.internal.DeferredInternals;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trial's helpers, with trial's messages (twisted-spec §11). */
class TrialTest {
    @Test
    void successResultOfTakesTheResult() {
        Deferred<Integer> d = Deferreds.succeed(1);
        assertEquals(1, Trial.successResultOf(d));
        assertNull(DeferredInternals.currentResult(d), "consumed, as in trial");

        Deferred<Integer> pending = new Deferred<>();
        AssertionError none = assertThrows(AssertionError.class, () -> Trial.successResultOf(pending));
        assertEquals("Success result expected on " + pending + ", found no result instead", none.getMessage());

        Deferred<Integer> failed = Deferreds.fail(new IOException("disk"));
        AssertionError failure = assertThrows(AssertionError.class, () -> Trial.successResultOf(failed));
        assertTrue(failure.getMessage().contains("found failure result instead:\njava.io.IOException: disk"),
                failure.getMessage());
    }

    @Test
    void failureResultOfTakesTheFailureAndChecksItsType() {
        Failure failure = Trial.failureResultOf(Deferreds.fail(new IOException("disk")), IOException.class);
        assertInstanceOf(IOException.class, failure.value());

        Deferred<Integer> succeeded = Deferreds.succeed(1);
        AssertionError success = assertThrows(AssertionError.class, () -> Trial.failureResultOf(succeeded));
        assertTrue(success.getMessage().endsWith("found success result (1) instead"), success.getMessage());

        Deferred<Integer> wrong = Deferreds.fail(new IllegalStateException("other"));
        AssertionError type = assertThrows(AssertionError.class,
                () -> Trial.failureResultOf(wrong, IOException.class));
        assertTrue(type.getMessage().startsWith("Failure of type ([class java.io.IOException]) expected on "),
                type.getMessage());
        assertTrue(type.getMessage().contains("found type class java.lang.IllegalStateException instead:\n"),
                type.getMessage());
        assertThrows(AssertionError.class, () -> Trial.failureResultOf(new Deferred<>()));
    }

    @Test
    void assertNoResultLeavesAPendingDeferredAlone() {
        Deferred<String> pending = new Deferred<>();
        Trial.assertNoResult(pending);
        pending.callback("now");
        assertThrows(AssertionError.class, () -> Trial.assertNoResult(pending));
        assertEquals("now", Trial.successResultOf(pending));
    }

    @Test
    void assertFailureSucceedsWithTheExceptionOrFailsWithTrialsMessages() {
        IOException e = new IOException("expected");
        assertSame(e, Trial.successResultOf(Trial.assertFailure(Deferreds.fail(e), IOException.class)));

        Failure instead = Trial.failureResultOf(Trial.assertFailure(Deferreds.succeed(1), IOException.class),
                AssertionError.class);
        assertEquals("did not catch an error, instead got 1", instead.getErrorMessage());

        Failure other = Trial.failureResultOf(Trial.assertFailure(Deferreds.fail(new IllegalStateException("x")),
                IOException.class), AssertionError.class);
        assertTrue(other.getErrorMessage().startsWith("\nExpected: [class java.io.IOException]\nGot:\n"),
                other.getErrorMessage());
    }

    @Test
    void runDeferredReturnsTheResultOrThrowsTheOriginalException() {
        assertEquals("later", Trial.runDeferred(loop -> Deferreds.deferLater(loop, 0.001, () -> "later")));
        IOException e = assertThrows(IOException.class,
                () -> Trial.runDeferred(loop -> Deferreds.fail(new IOException("failed test"))));
        assertEquals("failed test", e.getMessage());
    }

    @Test
    void runDeferredFailsATestThatIsStillRunningAtItsTimeout() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Trial.runDeferred(loop -> new Deferred<>(), Duration.ofMillis(50)));
        assertEquals("the test's Deferred is still running at 0.05 secs", e.getMessage());
    }

    @Test
    void runDeferredFailsATestThatLeavesTheLoopUnclean() {
        AssertionError unclean = assertThrows(AssertionError.class, () -> Trial.runDeferred(loop -> {
            loop.callLater(3600, () -> { });
            return Deferreds.succeed(null);
        }));
        assertTrue(unclean.getMessage().startsWith("Reactor was unclean."), unclean.getMessage());

        AssertionError unhandled = assertThrows(AssertionError.class, () -> Trial.runDeferred(loop -> {
            Deferreds.fail(new IllegalStateException("nobody looked"));
            return Deferreds.succeed(null);
        }));
        assertTrue(unhandled.getMessage().startsWith("Unhandled error in Deferred:\n"
                + "java.lang.IllegalStateException: nobody looked"), unhandled.getMessage());
    }

    @Test
    void aLoopsDeferredIsInspectedOnItsLoopOnly() throws InterruptedException {
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Deferred<?>[] owned = new Deferred<?>[1];
        Thread runner = Thread.ofVirtual().start(() -> EventLoop.react(loop -> {
            owned[0] = Deferreds.succeed("on the loop");
            made.countDown();
            return Deferreds.inline(() -> {
                checked.await();
                return null;
            });
        }));
        assertTrue(made.await(30, TimeUnit.SECONDS));
        try {
            assertThrows(IllegalStateException.class, () -> Trial.successResultOf(owned[0]));
        } finally {
            checked.countDown();
        }
        runner.join(TimeUnit.SECONDS.toMillis(30));
    }
}
