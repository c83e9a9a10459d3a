package dev.braid.deferred;

import dev.braid.deferred.internal.access.LoopAccess;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Hands the loop's package-private machinery to {@code dev.braid.deferred.internal.LoopInternals}. */
final class LoopAccessor implements LoopAccess<EventLoop, EventLoop.Builder, Failure> {
    @Override
    public boolean tryCallFromThread(EventLoop loop, Runnable fn) {
        return loop.tryExecute(fn);
    }

    @Override
    public boolean isIdle(EventLoop loop) {
        return loop.isIdle();
    }

    @Override
    public List<Failure> unhandledFailures(EventLoop loop) {
        return loop.unhandledFailures();
    }

    @Override
    public boolean hasUnhandledFailures(EventLoop loop) {
        return loop.hasUnhandledFailures();
    }

    @Override
    public List<Failure> takeUnhandledFailures(EventLoop loop) {
        return loop.takeUnhandledFailures();
    }

    @Override
    public Optional<String> backendName(EventLoop loop) {
        return loop.backendName();
    }

    @Override
    public <C> C component(EventLoop loop, Class<C> key, Supplier<? extends C> create) {
        return loop.component(key, create);
    }

    @Override
    public EventLoop.Builder onIdle(EventLoop.Builder builder, Consumer<? super EventLoop> onIdle) {
        return builder.onIdle(onIdle);
    }

    @Override
    public EventLoop.Builder onFirstWait(EventLoop.Builder builder, Runnable onFirstWait) {
        return builder.onFirstWait(onFirstWait);
    }

    @Override
    public EventLoop.Builder trackUnhandledFailures(EventLoop.Builder builder, boolean track) {
        return builder.trackUnhandledFailures(track);
    }

    @Override
    public EventLoop.Builder maxTrackedFailures(EventLoop.Builder builder, int max) {
        return builder.maxTrackedFailures(max);
    }
}
