package dev.braid.deferred;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future {@link Deferred#toCompletableFuture()} returns for a Deferred of a
 * loop. Only that loop's thread can complete it, so a blocking wait for it on
 * that same thread ({@code get}, {@code join}, with or without a timeout)
 * could never end: it throws at once instead, as {@link Deferreds#await} does.
 * A future already completed answers as usual. Futures derived from this one
 * ({@code thenApply} and friends) complete on the same thread and refuse the
 * same way.
 */
final class LoopBoundFuture<T> extends CompletableFuture<T> {
    private final EventLoop loop;

    LoopBoundFuture(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        refuseOnLoopThread("get()");
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        refuseOnLoopThread("get(timeout)");
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        refuseOnLoopThread("join()");
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopBoundFuture<>(loop);
    }

    private void refuseOnLoopThread(String wait) {
        if (!isDone() && loop.inLoopThread()) {
            throw new IllegalStateException(wait + " on the thread of loop " + loop.name()
                    + " would deadlock: only this thread can complete the future, and it would be waiting;"
                    + " add a callback to the Deferred, or wait inside Deferreds.inline or deferToThread");
        }
    }
}
