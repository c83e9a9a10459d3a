package dev.braid.deferred;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Static helpers around {@link Deferred}, named as in
 * {@code twisted.internet.defer} and {@code twisted.internet.task}: ready-made
 * Deferreds, {@link #maybeDeferred}, {@link #gatherResults}, {@link #deferLater},
 * inline callbacks ({@link #inline} with {@link #await}) and conversion from
 * Java futures.
 *
 * <pre>{@code
 * Deferred<String> poem = Deferreds.inline(() -> {
 *     String text = Deferreds.await(getPoetry(host, port));
 *     return Deferreds.await(proxy.xform("cummingsify", text));
 * });
 * }</pre>
 */
public final class Deferreds {
    private Deferreds() {
    }

    /**
     * Returns a Deferred that has already fired with {@code value}.
     *
     * @param value the result
     * @param <T> its type
     * @return a fired Deferred
     */
    public static <T> Deferred<T> succeed(T value) {
        Deferred<T> deferred = new Deferred<>();
        deferred.callback(value);
        return deferred;
    }

    /**
     * Returns a Deferred that has already failed with {@code error}.
     *
     * @param error the exception
     * @param <T> the result type the chain would have had
     * @return a failed Deferred
     */
    public static <T> Deferred<T> fail(Throwable error) {
        return fail(new Failure(error));
    }

    /**
     * Returns a Deferred that has already failed with {@code failure}.
     *
     * @param failure the failure
     * @param <T> the result type the chain would have had
     * @return a failed Deferred
     */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> deferred = new Deferred<>();
        deferred.errback(failure);
        return deferred;
    }

    /**
     * Calls {@code fn} and always returns a Deferred of its outcome (Twisted's
     * {@code maybeDeferred}): a fired one with its value, or a failed one if it
     * threw. For a function that returns a Deferred, use {@link #callDeferred},
     * which keeps the types right: {@code Deferred<String> d =
     * maybeDeferred(() -> 42)} does not compile.
     *
     * <p>As in Twisted, a Deferred or a {@link Failure} that {@code fn} returns
     * at run time (possible only when {@code T} is a supertype such as
     * {@code Object}) is taken as the outcome itself.
     *
     * @param fn the function
     * @param <T> the result type
     * @return a Deferred of fn's result
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<T> maybeDeferred(Callable<? extends T> fn) {
        return (Deferred<T>) outcomeOf(fn);
    }

    /**
     * Calls {@code fn}, which returns a Deferred, and returns that very
     * Deferred, or a failed one if {@code fn} threw (Twisted's
     * {@code maybeDeferred} of a function that returns a Deferred).
     *
     * @param fn the function
     * @param <T> the result type of its Deferred
     * @return the Deferred fn returned, or a failed one
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<T> callDeferred(Callable<? extends Deferred<? extends T>> fn) {
        return (Deferred<T>) outcomeOf(fn);
    }

    /** The outcome of {@code fn} as a Deferred, whatever it returns: the Deferred itself, a Failure, a value. */
    static Deferred<?> outcomeOf(Callable<?> fn) {
        Object result;
        try {
            result = fn.call();
        } catch (Throwable error) {
            return fail(error);
        }
        if (result instanceof Deferred<?> deferred) {
            return deferred;
        }
        if (result instanceof Failure failure) {
            return fail(failure);
        }
        return succeed(result);
    }

    /**
     * Fires with the members' values in order once all have succeeded, or
     * errbacks with {@link FirstError} on the first failure (Twisted's
     * {@code gatherResults}); later failures are ignored. An empty list fires
     * at once with an empty list.
     *
     * @param members the Deferreds
     * @param <T> their result type
     * @return a Deferred of the values
     */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> members) {
        return gatherResults(members, false);
    }

    /**
     * Like {@link #gatherResults(List)}; with {@code consumeErrors} each member's
     * failure is replaced by null in its own chain once seen.
     *
     * @param members the Deferreds
     * @param consumeErrors whether to consume the members' failures
     * @param <T> their result type
     * @return a Deferred of the values
     */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> members,
                                                      boolean consumeErrors) {
        return DeferredList.create(members, false, true, consumeErrors).addCallback(outcomes -> {
            List<?> list = (List<?>) outcomes;
            List<T> values = new ArrayList<>(list.size());
            for (Object outcome : list) {
                @SuppressWarnings("unchecked")
                T value = (T) ((DeferredList.Outcome<?>) outcome).result();
                values.add(value);
            }
            return values;
        });
    }

    /**
     * Returns a Deferred that fires with {@code fn}'s result after
     * {@code delay} seconds on {@code clock} (Twisted's {@code task.deferLater});
     * it errbacks if {@code fn} throws. Cancelling it cancels the delayed call
     * ({@code fn} never runs) and errbacks with {@link CancelledError}.
     *
     * @param clock the time source: an {@link EventLoop} or a {@link Clock}
     * @param delay seconds
     * @param fn the function to call; may be null for a Deferred of null
     * @param <T> the result type
     * @return the Deferred
     */
    public static <T> Deferred<T> deferLater(ReactorTime clock, double delay, Callable<? extends T> fn) {
        DelayedCall[] call = new DelayedCall[1];
        Deferred<Object> deferred = new Deferred<>(ignored -> call[0].cancel());
        Deferred<T> result = deferred.addCallback(ignored -> fn == null ? null : fn.call());
        call[0] = clock.callLater(delay, () -> deferred.callback(null));
        return result;
    }

    /**
     * Runs {@code body} as straight-line code that can {@link #await} Deferreds
     * (Twisted's {@code inlineCallbacks} / {@code ensureDeferred}). The body runs
     * on its own virtual thread, a subtask of the current loop's scope; the
     * returned Deferred fires on the loop's thread with what the body returns,
     * or fails with what it throws. Cancelling the returned Deferred cancels the
     * Deferred the body is awaiting (the body sees {@link CancelledError} and
     * may catch it) or, when it awaits nothing, interrupts it.
     *
     * <p>Unlike Twisted, the body does not run synchronously up to its first
     * wait: it starts on its own thread at once.
     *
     * @param body the code to run
     * @param <T> its result type
     * @return a Deferred of the body's result
     */
    public static <T> Deferred<T> inline(Callable<? extends T> body) {
        InlineBody<T> inline = new InlineBody<>(body);
        EventLoop loop = EventLoop.currentOrNull();
        if (loop != null && !loop.isStopped()) {
            return loop.fork(inline, "inline", inline);
        }
        Deferred<T> deferred = new Deferred<>(null, ignored -> inline.cancel(), true);
        Thread.ofVirtual().name("braid-inline").start(() -> {
            Object outcome;
            try {
                outcome = inline.call();
            } catch (Throwable error) {
                outcome = new Failure(error, "inline");
            }
            deferred.fire(outcome);
        });
        return deferred;
    }

    /**
     * Parks the calling thread until {@code deferred} fires, then returns its
     * result or throws its exception (the original one, checked or not). The
     * result is consumed: the chain continues with null, so a failure awaited
     * here is not reported as unhandled. Works on any thread except a loop's
     * own, typically inside {@link #inline} or a deferToThread function.
     *
     * @param deferred what to wait for
     * @param <T> its result type
     * @return the result
     * @throws IllegalStateException on a loop's own thread, where waiting would
     *     deadlock: add a callback instead
     * @throws CancelledError if the waiting thread is interrupted (the Deferred is then cancelled)
     */
    @SuppressWarnings("unchecked")
    public static <T> T await(Deferred<T> deferred) {
        EventLoop here = EventLoop.currentOrNull();
        if ((here != null && here.inLoopThread()) || deferred.loop().map(EventLoop::inLoopThread).orElse(false)) {
            throw new IllegalStateException("await() on a loop's own thread would deadlock; add a callback, "
                    + "or await inside Deferreds.inline or deferToThread");
        }
        InlineBody<?> body = InlineBody.current();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        if (body != null) {
            body.awaiting(deferred);
        }
        try {
            deferred.addBoth(result -> {
                outcome.complete(result);
                return null;
            });
            Object result = outcome.get();
            if (result instanceof Failure failure) {
                return failure.raiseException();
            }
            return (T) result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deferred.cancel();
            CancelledError cancelled = new CancelledError("interrupted while awaiting " + deferred);
            cancelled.initCause(e);
            throw cancelled;
        } catch (ExecutionException e) {
            throw Failure.sneakyThrow(e.getCause()); // not reached: the future is only completed normally
        } finally {
            if (body != null) {
                body.awaiting(null);
            }
        }
    }

    /**
     * Returns a Deferred that fires when {@code stage} completes: with its value,
     * or with the original exception (unwrapped from {@link CompletionException}).
     * The Deferred belongs to the current loop, so its callbacks run there.
     * Cancelling it cancels the stage if it is a {@link Future}.
     *
     * @param stage the stage
     * @param <T> its value type
     * @return a Deferred of the stage's value
     */
    public static <T> Deferred<T> fromFuture(CompletionStage<? extends T> stage) {
        Deferred<T> deferred = new Deferred<>(ignored -> {
            if (stage instanceof Future<?> future) {
                future.cancel(true);
            }
        });
        stage.whenComplete((value, error) -> {
            if (deferred.called()) {
                return; // cancelled meanwhile
            }
            if (error == null) {
                deferred.callback(value);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof java.util.concurrent.CancellationException) {
                    cause = new CancelledError();
                }
                deferred.errback(cause);
            }
        });
        return deferred;
    }
}
