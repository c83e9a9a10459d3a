package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Deferred to and from CompletableFuture / CompletionStage, and await from virtual threads. */
class InteropTest {
    @Test
    void toCompletableFutureCompletesAndConsumes() throws Exception {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        d.callback("value");
        assertEquals("value", future.get(1, TimeUnit.SECONDS));
        assertNull(d.currentResult());
    }

    @Test
    void toCompletableFutureCarriesTheOriginalException() {
        IOException original = new IOException("disk");
        CompletableFuture<String> future = Deferreds.<String>fail(original).toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        assertSame(original, e.getCause());
    }

    @Test
    void cancellingTheFutureCancelsTheDeferred() {
        boolean[] cancelled = {false};
        Deferred<String> d = new Deferred<>(self -> cancelled[0] = true);
        d.toCompletableFuture().cancel(true);
        assertTrue(cancelled[0]);
    }

    @Test
    void waitingOnTheLoopsOwnThreadForAFutureOnlyItCanCompleteThrowsAtOnce() {
        List<String> refused = EventLoop.react(loop -> {
            Deferred<String> pending = new Deferred<>();
            CompletableFuture<String> future = pending.toCompletableFuture();
            CompletableFuture<Integer> derived = future.thenApply(String::length);
            List<String> messages = new ArrayList<>();
            List<Executable> waits = List.of(future::get, () -> future.get(1, TimeUnit.SECONDS), future::join,
                    derived::get, derived::join);
            for (Executable wait : waits) {
                messages.add(assertThrows(IllegalStateException.class, wait).getMessage());
            }
            pending.callback("fired");
            messages.add(future.join() + " " + derived.join());   // complete: answers at once
            return Deferreds.succeed(messages);
        });
        assertEquals(6, refused.size());
        assertTrue(refused.getFirst().startsWith("get() on the thread of loop react would deadlock"), refused.getFirst());
        assertTrue(refused.get(2).startsWith("join() on the thread of loop react"), refused.get(2));
        assertEquals("fired 5", refused.getLast());
    }

    @Test
    void anotherThreadMayWaitForAFutureTheLoopCompletes() throws Exception {
        CompletableFuture<CompletableFuture<String>> handedOut = new CompletableFuture<>();
        EventLoop loop = EventLoop.create("owner");
        loop.callWhenRunning(() -> {
            Deferred<String> d = new Deferred<>();
            handedOut.complete(d.toCompletableFuture());
            loop.callLater(0, () -> d.callback("from the loop"));
        });
        Thread runner = Thread.ofVirtual().start(loop::run);
        try {
            assertEquals("from the loop", handedOut.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS));
        } finally {
            loop.callFromThread(loop::stop);
            runner.join(10_000);
        }
    }

    @Test
    void fromFutureUnwrapsCompletionExceptions() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Deferred<String> d = Deferreds.fromFuture(source.thenApply(s -> {
            throw new IllegalArgumentException("in stage");
        }));
        source.complete("x");
        assertInstanceOf(IllegalArgumentException.class, ((Failure) d.currentResult()).value());
        d.addErrback(f -> null);
        assertEquals("ok", Deferreds.fromFuture(CompletableFuture.completedFuture("ok")).currentResult());
    }

    @Test
    void cancellingTheDeferredCancelsTheFuture() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Deferred<String> d = Deferreds.fromFuture(source);
        d.cancel();
        assertTrue(source.isCancelled());
        assertInstanceOf(CancelledError.class, ((Failure) d.currentResult()).value());
        d.addErrback(f -> null);
    }

    @Test
    void awaitFromAVirtualThreadReturnsOrThrows() throws Exception {
        Deferred<String> ok = new Deferred<>();
        Deferred<String> bad = new Deferred<>();
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                String value = Deferreds.await(ok);
                Deferreds.await(bad);
                result.complete(value + " and no exception");
            } catch (Throwable t) {
                result.complete(Deferreds.class.getSimpleName() + ":" + t.getClass().getSimpleName() + ":"
                        + t.getMessage());
            }
        });
        ok.callback("value");
        bad.errback(new IOException("disk"));
        assertEquals("Deferreds:IOException:disk", result.get(10, TimeUnit.SECONDS));
    }
}
