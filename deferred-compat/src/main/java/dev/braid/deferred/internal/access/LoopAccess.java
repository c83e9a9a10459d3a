package dev.braid.deferred.internal.access;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The loop's machinery that Braid's own modules need and users do not, in
 * JDK types only so that this package depends on nothing of Braid's. The
 * event loop's package implements it for its real types ({@code L} the loop,
 * {@code B} its builder, {@code F} a failure); {@code dev.braid.deferred.internal.LoopInternals}
 * gives it back typed. Internal: may change at any time.
 *
 * @param <L> the loop
 * @param <B> the loop's builder
 * @param <F> a failure
 */
public interface LoopAccess<L, B, F> {
    /**
     * Posts {@code fn} to {@code loop} unless it has stopped, in one atomic step.
     *
     * @param loop the loop
     * @param fn what to run on it
     * @return whether {@code fn} was posted
     */
    boolean tryCallFromThread(L loop, Runnable fn);

    /**
     * Returns whether {@code loop} has no queued event, no pending delayed call and no running subtask.
     *
     * @param loop the loop
     * @return true if idle (a snapshot)
     */
    boolean isIdle(L loop);

    /**
     * Returns the loop's chains that ended in a failure no errback handled, oldest first.
     *
     * @param loop the loop
     * @return a snapshot; empty for a loop that does not track them
     */
    List<F> unhandledFailures(L loop);

    /**
     * Returns whether {@link #unhandledFailures} would be non-empty.
     *
     * @param loop the loop
     * @return true if a chain of the loop ended in an unhandled failure
     */
    boolean hasUnhandledFailures(L loop);

    /**
     * Hands over the loop's unhandled failures: they are forgotten by the loop
     * and no longer logged when their Deferreds are collected.
     *
     * @param loop the loop
     * @return the failures, oldest first
     */
    List<F> takeUnhandledFailures(L loop);

    /**
     * Returns the name of the backend that runs the loop's subtasks.
     *
     * @param loop the loop
     * @return {@code "structured"} or {@code "virtual"}; empty before the loop runs
     */
    Optional<String> backendName(L loop);

    /**
     * Returns the loop's instance of a per-loop helper, creating it on first use.
     *
     * @param loop the loop
     * @param key the helper's class
     * @param create makes the helper, at most once per key; must not call this method
     * @param <C> its type
     * @return the loop's helper
     */
    <C> C component(L loop, Class<C> key, Supplier<? extends C> create);

    /**
     * Sets the function the loop calls on its thread each time it runs out of
     * work; turns on failure tracking unless that was set explicitly.
     *
     * @param builder the loop's builder
     * @param onIdle the listener
     * @return the builder
     */
    B onIdle(B builder, Consumer<? super L> onIdle);

    /**
     * Sets the function the loop calls on its thread once, just before it first blocks waiting for work.
     *
     * @param builder the loop's builder
     * @param onFirstWait the function
     * @return the builder
     */
    B onFirstWait(B builder, Runnable onFirstWait);

    /**
     * Makes the loop remember its chains that end in an unhandled failure, or not.
     *
     * @param builder the loop's builder
     * @param track whether to remember them
     * @return the builder
     */
    B trackUnhandledFailures(B builder, boolean track);

    /**
     * Caps how many failed chains the loop remembers.
     *
     * @param builder the loop's builder
     * @param max the cap, at least 1
     * @return the builder
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    B maxTrackedFailures(B builder, int max);
}
