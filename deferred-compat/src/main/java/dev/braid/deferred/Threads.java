package dev.braid.deferred;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Running blocking code off the loop (Twisted's {@code twisted.internet.threads}).
 *
 * <p>{@link #deferToThread} forks the function as a subtask of the current
 * loop's structured scope, on a fresh virtual thread, and returns a Deferred
 * that fires <em>on the loop's thread</em> with the function's result or its
 * {@link Failure} (with the original stack trace). Blocking handlers and
 * Deferred chains can therefore be mixed freely: the chain's callbacks never
 * run at the same time as each other, and the blocking work never holds up
 * the loop.
 *
 * <p>Where Braid differs from Twisted: there is no pool of ten threads; each
 * call gets its own virtual thread, bounded only by the loop's lifetime (use
 * a {@link ThreadPool} with {@link #deferToThreadPool} to ration work).
 * Cancelling the Deferred interrupts the thread (Twisted cannot stop a pool
 * thread; its Deferred just fails). When the loop ends, work that is still
 * running is interrupted, the loop waits for it, and its Deferred fails with
 * {@link CancelledError} — so a thread ignores interrupts at the cost of
 * holding up its loop's end.
 *
 * <p>To turn a blocking function, or every method of a blocking object, into
 * one that returns Deferreds, see {@link dev.braid.deferred.threads.InThread}.
 *
 * <pre>{@code
 * Threads.deferToThread(() -> Files.readString(poemFile))
 *        .addCallback(poem -> { transport.write(poem); return null; });
 * }</pre>
 */
public final class Threads {
    private Threads() {
    }

    /**
     * Runs {@code fn} on a new virtual thread and returns a Deferred of its
     * result. With a current loop, the thread is a subtask of the loop's scope
     * and the Deferred fires on the loop's thread; called from a thread that is
     * not the loop's own (for example another subtask), the fork is handed to
     * the loop. Without a current loop, the Deferred fires on the worker thread.
     *
     * @param fn the blocking work; it may throw
     * @param <T> the result type
     * @return a Deferred of the result
     * @throws IllegalStateException if the current loop has stopped
     */
    public static <T> Deferred<T> deferToThread(Callable<? extends T> fn) {
        EventLoop loop = EventLoop.currentOrNull();
        if (loop != null && !loop.isStopped()) {
            return loop.fork(fn, "deferToThread", null);
        }
        Deferred<T> deferred = new Deferred<>(null, null);
        Thread.ofVirtual().name("braid-deferToThread").start(() -> {
            Object outcome;
            try {
                outcome = fn.call();
            } catch (Throwable error) {
                outcome = new Failure(error, "deferToThread");
            }
            deferred.fire(outcome);
        });
        return deferred;
    }

    /**
     * Runs {@code fn} like {@link #deferToThread}, but at most
     * {@code pool.maxThreads()} functions of {@code pool} at a time (Twisted's
     * {@code deferToThreadPool}, with the current loop as the reactor).
     *
     * @param pool the pool that rations the work
     * @param fn the blocking work
     * @param <T> the result type
     * @return a Deferred of the result
     */
    public static <T> Deferred<T> deferToThreadPool(ThreadPool pool, Callable<? extends T> fn) {
        return pool.deferToThread(fn);
    }

    /**
     * Runs {@code fn} on {@code loop}'s thread and blocks until it returns
     * (Twisted's {@code blockingCallFromThread}); the result is returned, or
     * the exception thrown, on the calling thread. For a function that returns
     * a Deferred, use {@link #blockingCallFromThreadDeferred}:
     * {@code String s = blockingCallFromThread(loop, () -> 42)} does not compile.
     *
     * @param loop the loop to run on
     * @param fn the function
     * @param <T> the result type
     * @return the result
     * @throws IllegalStateException if called on {@code loop}'s own thread, where it would deadlock, or
     *     the loop has stopped
     * @throws CancelledError if the loop ends before answering, or the calling thread is interrupted
     */
    @SuppressWarnings("unchecked")
    public static <T> T blockingCallFromThread(EventLoop loop, Callable<? extends T> fn) {
        return (T) waitForLoop(loop, fn);
    }

    /**
     * Runs {@code fn} on {@code loop}'s thread and blocks until the Deferred
     * it returns fires (Twisted's {@code blockingCallFromThread} of a function
     * that returns a Deferred).
     *
     * @param loop the loop to run on
     * @param fn the function, returning a Deferred
     * @param <T> the result type of its Deferred
     * @return the Deferred's result
     * @throws IllegalStateException if called on {@code loop}'s own thread, where it would deadlock, or
     *     the loop has stopped
     * @throws CancelledError if the loop ends before answering, or the calling thread is interrupted
     */
    @SuppressWarnings("unchecked")
    public static <T> T blockingCallFromThreadDeferred(EventLoop loop, Callable<? extends Deferred<? extends T>> fn) {
        return (T) waitForLoop(loop, fn);
    }

    /**
     * Calls {@code fn} on {@code loop}'s thread and blocks the calling thread
     * until it returns, or until the Deferred it returns fires.
     */
    private static Object waitForLoop(EventLoop loop, Callable<?> fn) {
        if (loop.inLoopThread()) {
            throw new IllegalStateException("blockingCallFromThread on the loop's own thread would deadlock");
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        loop.callFromThread(() -> Deferreds.outcomeOf(fn).addCallbacks(value -> {
            outcome.complete(value);
            return null;
        }, failure -> {
            outcome.completeExceptionally(failure.value());
            return null;
        }));
        Runnable hook = loop.addEndHook(() -> outcome.completeExceptionally(
                new CancelledError("loop " + loop.name() + " ended before answering blockingCallFromThread")));
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw Failure.sneakyThrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancelledError cancelled = new CancelledError("interrupted while waiting for " + loop.name());
            cancelled.initCause(e);
            throw cancelled;
        } finally {
            loop.removeEndHook(hook);
        }
    }
}
