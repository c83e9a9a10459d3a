package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
