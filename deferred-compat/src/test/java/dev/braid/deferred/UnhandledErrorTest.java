package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Unhandled error in Deferred" when a failed Deferred becomes unreachable (LogTests). */
class UnhandledErrorTest {
    private final List<Failure> reported = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.Semaphore reports = new java.util.concurrent.Semaphore(0);
    private Consumer<Failure> previousSink;

    @BeforeEach
    void captureReports() {
        previousSink = UnhandledErrors.setSink(failure -> {
            reported.add(failure);
            reports.release();
        });
    }

    @AfterEach
    void restore() {
        UnhandledErrors.setSink(previousSink);
    }

    @Test
    void aCollectedFailedDeferredIsReported() throws InterruptedException {
        failAndForget("nobody-handles-me");
        awaitReportOf("nobody-handles-me");
    }

    @Test
    void handledOrChainedFailuresAreNotReported() throws InterruptedException {
        Deferred<String> handled = Deferreds.fail(new IllegalStateException("handled"));
        handled.addErrback(f -> null);
        Deferred<String> outer = new Deferred<>();
        outer.addCallbackDeferred(r -> Deferreds.<String>fail(new IllegalStateException("moved")))
                .addErrback(f -> null);
        outer.callback("x");
        handled = null;
        outer = null;
        failAndForget("sentinel");
        awaitReportOf("sentinel");
        assertTrue(reported.stream().noneMatch(f -> f.getErrorMessage().equals("handled")
                || f.getErrorMessage().equals("moved")), reported.toString());
    }

    @Test
    void theReportIsLoggedWithTheTraceback() {
        List<String> messages;
        try (CapturedLog log = new CapturedLog(UnhandledErrors.LOGGER_NAME)) {
            UnhandledErrors.log(new Failure(new IllegalStateException("nobody-handles-me")));
            messages = log.messages();
        }
        assertEquals(1, messages.size());
        assertTrue(messages.getFirst().startsWith("Unhandled error in Deferred:\n"
                + "java.lang.IllegalStateException: nobody-handles-me"));
    }

    private static void failAndForget(String message) {
        Deferred<String> d = new Deferred<>();
        d.addCallback(r -> r);
        d.errback(new IllegalStateException(message));
    }

    /**
     * Provokes collection until the failure with {@code message} is reported
     * (bounded: the test fails if it never is). Each report wakes the wait.
     */
    private void awaitReportOf(String message) throws InterruptedException {
        for (int i = 0; i < 200 && !wasReported(message); i++) {
            System.gc();
            reports.tryAcquire(50, TimeUnit.MILLISECONDS);
        }
        assertTrue(wasReported(message), "no unhandled error was reported for " + message);
    }

    private boolean wasReported(String message) {
        return reported.stream().anyMatch(f -> f.getErrorMessage().equals(message));
    }
}
