package dev.braid.deferred.internal;

import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.internal.access.Accessors;
import dev.braid.deferred.internal.access.LoopAccess;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The parts of {@link EventLoop} that Braid's own modules need and users do
 * not: idle detection and failed-chain tracking (the web layer's never-hang
 * rule), posting that races the loop's end, per-loop helpers, the subtask
 * backend's name. Internal, for Braid's own modules: may change at any time.
 *
 * <p>Each method is one call on an accessor held in a {@code static final}
 * field, which the JIT treats as a constant: the call costs what a direct call
 * to the loop would.
 */
public final class LoopInternals {
    private static final LoopAccess<EventLoop, EventLoop.Builder, Failure> ACCESS = access();

    private LoopInternals() {
    }

    @SuppressWarnings("unchecked")  // EventLoop installs the accessor for exactly these types
    private static LoopAccess<EventLoop, EventLoop.Builder, Failure> access() {
        try {
            MethodHandles.lookup().ensureInitialized(EventLoop.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
        return (LoopAccess<EventLoop, EventLoop.Builder, Failure>) Accessors.loopAccess();
    }

    /**
     * Posts {@code fn} to the loop unless it has stopped, in one atomic step, so
     * that a stop between a check of {@link EventLoop#isStopped()} and the post
     * cannot throw.
     *
     * @param loop the loop
     * @param fn what to run on it
     * @return whether {@code fn} was posted; {@code false} once the loop has stopped
     */
    public static boolean tryCallFromThread(EventLoop loop, Runnable fn) {
        return ACCESS.tryCallFromThread(loop, fn);
    }

    /**
     * Returns whether the loop has nothing to do: no queued event, no pending
     * delayed call, no running subtask. Safe from any thread (a snapshot).
     *
     * @param loop the loop
     * @return true if idle
     */
    public static boolean isIdle(EventLoop loop) {
        return ACCESS.isIdle(loop);
    }

    /**
     * Returns the failures at the end of the loop's chains that no errback has
     * handled yet, oldest first; a chain that gets an errback later drops out.
     * Only loops that track failures remember them; others return an empty list.
     *
     * @param loop the loop
     * @return a snapshot
     */
    public static List<Failure> unhandledFailures(EventLoop loop) {
        return ACCESS.unhandledFailures(loop);
    }

    /**
     * Returns whether any chain of the loop ended in an unhandled failure.
     *
     * @param loop the loop
     * @return true if {@link #unhandledFailures} is not empty
     */
    public static boolean hasUnhandledFailures(EventLoop loop) {
        return ACCESS.hasUnhandledFailures(loop);
    }

    /**
     * Returns the unhandled failures and takes responsibility for them: the
     * loop forgets them and they are not logged as "Unhandled error in
     * Deferred" when their Deferreds are collected.
     *
     * @param loop the loop
     * @return the failures, oldest first
     */
    public static List<Failure> takeUnhandledFailures(EventLoop loop) {
        return ACCESS.takeUnhandledFailures(loop);
    }

    /**
     * Returns which backend runs the loop's subtasks: {@code "structured"}
     * (StructuredTaskScope) or {@code "virtual"}.
     *
     * @param loop the loop
     * @return the backend's name, or empty before the loop runs
     */
    public static Optional<String> backendName(EventLoop loop) {
        return ACCESS.backendName(loop);
    }

    /**
     * Returns the loop's instance of a per-loop helper, creating it on first use.
     * Thread-safe; {@code create} runs at most once per key and must not call this method.
     *
     * @param loop the loop
     * @param key the helper's class
     * @param create makes the helper
     * @param <C> its type
     * @return the loop's helper
     */
    public static <C> C component(EventLoop loop, Class<C> key, Supplier<? extends C> create) {
        return ACCESS.component(loop, key, create);
    }

    /**
     * Sets a function the loop calls on its own thread each time it becomes
     * idle, before it waits. Turns on {@link #trackUnhandledFailures failure
     * tracking} unless that was set explicitly.
     *
     * @param builder the loop's builder
     * @param onIdle the listener
     * @return the builder
     */
    public static EventLoop.Builder onIdle(EventLoop.Builder builder, Consumer<? super EventLoop> onIdle) {
        return ACCESS.onIdle(builder, onIdle);
    }

    /**
     * Sets a function the loop calls on its own thread once, the first time it
     * is about to block waiting for work (after the idle listener, if that is
     * due). A loop whose work is done before it would ever wait never calls it.
     *
     * @param builder the loop's builder
     * @param onFirstWait the function
     * @return the builder
     */
    public static EventLoop.Builder onFirstWait(EventLoop.Builder builder, Runnable onFirstWait) {
        return ACCESS.onFirstWait(builder, onFirstWait);
    }

    /**
     * Makes the loop remember the Deferreds whose chain ended in an unhandled
     * failure. Off by default for loops without an idle listener: a long-lived
     * loop that nobody asks would otherwise hold failures that the garbage
     * collector should report.
     *
     * @param builder the loop's builder
     * @param track whether to remember them
     * @return the builder
     */
    public static EventLoop.Builder trackUnhandledFailures(EventLoop.Builder builder, boolean track) {
        return ACCESS.trackUnhandledFailures(builder, track);
    }

    /**
     * Caps how many failed chains the loop remembers (default 1024); older
     * ones are still logged when collected.
     *
     * @param builder the loop's builder
     * @param max the cap, at least 1
     * @return the builder
     * @throws IllegalArgumentException if {@code max} is below 1
     */
    public static EventLoop.Builder maxTrackedFailures(EventLoop.Builder builder, int max) {
        return ACCESS.maxTrackedFailures(builder, max);
    }
}
