package dev.braid.deferred.testing;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.internal.DeferredInternals;
import dev.braid.deferred.internal.LoopInternals;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Twisted's trial helpers for testing code that returns Deferreds, usable
 * from any test framework (they throw {@link AssertionError}).
 *
 * <ul>
 *   <li>{@link #successResultOf} / {@link #failureResultOf} /
 *       {@link #assertNoResult}: inspect a Deferred synchronously — pair them
 *       with a {@link dev.braid.deferred.Clock} so the test decides when time passes.</li>
 *   <li>{@link #assertFailure}: a Deferred that succeeds when the given one
 *       fails with one of the given types.</li>
 *   <li>{@link #runDeferred}: runs a test body on a fresh {@link EventLoop} and
 *       waits (120 s by default) for the Deferred it returns — the JUnit way to
 *       write a test whose body is asynchronous.</li>
 * </ul>
 *
 * <p>Why not a JUnit extension: JUnit Jupiter does not run {@code @Test}
 * methods that return a value, so a test whose body returns a Deferred is
 * written as a plain {@code @Test} that calls {@code runDeferred}. That keeps
 * this package free of any test-framework dependency (deferred-compat needs
 * the JDK only), and works the same under JUnit 4, TestNG or a main method.
 *
 * <pre>{@code
 * @Test void poemArrives() {
 *     String poem = Trial.runDeferred(loop -> PoetryClient.getPoetry("127.0.0.1", port, 10));
 *     assertEquals(TEST_POEM, poem);
 * }
 * }</pre>
 */
public final class Trial {
    /** Twisted trial's default test timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private Trial() {
    }

    /**
     * Returns the result a Deferred has already succeeded with, consuming it
     * (the chain continues with null), as Twisted's {@code successResultOf}.
     *
     * @param deferred the Deferred, on the calling thread
     * @param <T> its type
     * @return the result
     * @throws AssertionError if it has no result yet or failed (with the traceback)
     */
    @SuppressWarnings("unchecked")
    public static <T> T successResultOf(Deferred<T> deferred) {
        Object result = take(deferred, "Success result expected on " + deferred + ", found no result instead");
        if (result instanceof Failure failure) {
            throw new AssertionError("Success result expected on " + deferred + ", found failure result instead:\n"
                    + failure.getTraceback(), failure.value());
        }
        return (T) result;
    }

    /**
     * Returns the failure a Deferred has already failed with, consuming it.
     *
     * @param deferred the Deferred
     * @param expectedTypes if given, the failure must be one of these
     * @return the failure
     * @throws AssertionError if it has no result, succeeded, or failed otherwise
     */
    @SafeVarargs
    @SuppressWarnings("varargs")   // the types are only read, by Failure.check
    public static Failure failureResultOf(Deferred<?> deferred, Class<? extends Throwable>... expectedTypes) {
        Object result = take(deferred, "Failure result expected on " + deferred + ", found no result instead");
        if (!(result instanceof Failure failure)) {
            throw new AssertionError("Failure result expected on " + deferred + ", found success result ("
                    + result + ") instead");
        }
        if (expectedTypes.length > 0 && failure.check(expectedTypes).isEmpty()) {
            throw new AssertionError("Failure of type (" + Arrays.toString(expectedTypes)
                    + ") expected on " + deferred + ", found type " + failure.type() + " instead:\n"
                    + failure.getTraceback(), failure.value());
        }
        return failure;
    }

    /**
     * Asserts that a Deferred has no result yet; leaves it unchanged.
     *
     * @param deferred the Deferred
     * @throws AssertionError if it has one
     */
    public static void assertNoResult(Deferred<?> deferred) {
        if (hasResult(deferred)) {
            throw new AssertionError("No result expected on " + deferred + ", found " + DeferredInternals.currentResult(deferred)
                    + " instead");
        }
    }

    /**
     * Returns a Deferred that succeeds with the exception when {@code deferred}
     * fails with one of {@code types}, and fails with an AssertionError when it
     * succeeds or fails otherwise (Twisted's {@code assertFailure}).
     *
     * @param deferred the Deferred
     * @param types the acceptable exception types
     * @param <X> the expected type
     * @return a Deferred of the exception
     */
    @SafeVarargs
    @SuppressWarnings({"unchecked", "varargs"})   // the types are only read, by Failure.check
    public static <X extends Throwable> Deferred<X> assertFailure(Deferred<?> deferred,
                                                                  Class<? extends X>... types) {
        Deferred<Object> checked = deferred.addCallbacks(value -> {
            throw new AssertionError("did not catch an error, instead got " + value);
        }, failure -> {
            if (failure.check(types).isPresent()) {
                return failure.value();
            }
            throw new AssertionError("\nExpected: " + Arrays.toString(types) + "\nGot:\n" + failure.getTraceback(),
                    failure.value());
        });
        return (Deferred<X>) (Deferred<?>) checked;
    }

    /**
     * Runs {@code body} on a new event loop and waits up to 120 s for the
     * Deferred it returns; returns its result or throws its exception. See
     * {@link #runDeferred(Function, Duration)}.
     *
     * @param body the test's asynchronous part
     * @param <T> the result type
     * @return the result
     * @throws AssertionError on timeout
     */
    public static <T> T runDeferred(Function<EventLoop, Deferred<T>> body) {
        return runDeferred(body, DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code body} on a new event loop (on its own virtual thread) and
     * waits for the Deferred it returns, as trial runs a test method that
     * returns a Deferred. The test fails, as in trial, when:
     * <ul>
     *   <li>the Deferred fails: its exception is thrown here, unchanged;</li>
     *   <li>it does not fire within {@code timeout}: an AssertionError
     *       "... still running at N secs" (the loop is then stopped, which
     *       interrupts its subtasks);</li>
     *   <li>when it fires, the loop still has delayed calls pending ("Reactor
     *       was unclean"), or a chain of the loop ended in a failure nobody
     *       handled ("Unhandled error in Deferred").</li>
     * </ul>
     * The loop is stopped before this method returns.
     *
     * @param body the test's asynchronous part
     * @param timeout how long to wait
     * @param <T> the result type
     * @return the result
     * @throws AssertionError on timeout, an unclean loop, or an unhandled failure
     */
    public static <T> T runDeferred(Function<EventLoop, Deferred<T>> body, Duration timeout) {
        EventLoop loop = LoopInternals.trackUnhandledFailures(EventLoop.builder().name("trial"), true).build();
        CompletableFuture<T> outcome = new CompletableFuture<>();
        loop.callWhenRunning(() -> {
            try {
                body.apply(loop).addCallbacks(value -> {
                    try {
                        checkClean(loop);
                        outcome.complete(value);
                    } catch (AssertionError unclean) {
                        outcome.completeExceptionally(unclean);
                    }
                    return null;
                }, failure -> {
                    outcome.completeExceptionally(failure.value());
                    return null;
                });
            } catch (Throwable error) {
                outcome.completeExceptionally(error);
            }
        });
        Thread runner = Thread.ofVirtual().name("trial-loop").start(loop::run);
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the test's Deferred is still running at "
                    + timeout.toMillis() / 1000.0 + " secs");
        } catch (ExecutionException e) {
            throw sneaky(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the test's Deferred", e);
        } finally {
            if (loop.isRunning()) {
                loop.stop();
            }
            try {
                runner.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Trial's clean-reactor and unhandled-error checks, on the loop's thread when the test's Deferred succeeds. */
    private static void checkClean(EventLoop loop) {
        List<DelayedCall> pending = loop.getDelayedCalls();
        if (!pending.isEmpty()) {
            throw new AssertionError("Reactor was unclean.\nDelayedCalls: (set Deferred.setDebugging to see "
                    + "where they were created)\n" + pending.stream().map(DelayedCall::toString)
                    .collect(Collectors.joining("\n")));
        }
        List<Failure> unhandled = LoopInternals.takeUnhandledFailures(loop);
        if (!unhandled.isEmpty()) {
            AssertionError error = new AssertionError("Unhandled error in Deferred:\n"
                    + unhandled.getFirst().getTraceback(), unhandled.getFirst().value());
            unhandled.stream().skip(1).forEach(more -> error.addSuppressed(more.value()));
            throw error;
        }
    }

    private static Object take(Deferred<?> deferred, String noResultMessage) {
        deferred.loop().filter(loop -> !loop.inLoopThread() && !loop.isStopped()).ifPresent(loop -> {
            throw new IllegalStateException("inspect " + deferred + " on the thread of " + loop
                    + ", which runs its callbacks");
        });
        if (!hasResult(deferred)) {
            throw new AssertionError(noResultMessage);   // and leave its chain alone
        }
        Object[] seen = {null};
        boolean[] fired = {false};
        deferred.addBoth(result -> {
            seen[0] = result;
            fired[0] = true;
            return null;
        });
        if (!fired[0]) {
            throw new AssertionError(noResultMessage);
        }
        return seen[0];
    }

    private static boolean hasResult(Deferred<?> deferred) {
        return deferred.called() && !(DeferredInternals.currentResult(deferred) instanceof Deferred)
                && DeferredInternals.pausedCount(deferred) == 0;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
