package dev.braid.deferred.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.CancelledError;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.testing.Trial;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The decorator keeps results and exceptions exactly, and runs the work off the loop. */
class InThreadTest {
    /** The blocking API as a test would write it. */
    public interface Store {
        String fetch(String key) throws IOException;

        int size();

        void clear();
    }

    /** What callers of the threaded proxy see. */
    public interface AsyncStore {
        Deferred<String> fetch(String key);

        Deferred<Integer> size();

        Deferred<Void> clear();

        default Deferred<String> fetchOrDefault(String key, String fallback) {
            return fetch(key).addErrback(failure -> {
                failure.trap(FileNotFoundException.class);
                return fallback;
            });
        }
    }

    /** Not public: the proxy must still reach its methods through the public interface. */
    static final class MemoryStore implements Store {
        final List<String> threads = new ArrayList<>();
        final Object marker = new Object();

        @Override
        public synchronized String fetch(String key) throws IOException {
            threads.add(Thread.currentThread().toString());
            if (key.equals("missing")) {
                throw new FileNotFoundException(key);
            }
            return "value of " + key;
        }

        @Override
        public int size() {
            return 3;
        }

        @Override
        public void clear() {
        }
    }

    @Test
    void aBlockingBiFunctionAndAProxyAnswerThroughDeferreds() {
        java.util.function.BiFunction<String, Integer, Deferred<String>> repeat =
                InThread.inThread((String text, Integer times) -> text.repeat(times));
        AsyncStore store = InThread.proxy(AsyncStore.class, new MemoryStore());
        assertEquals("abab", Trial.runDeferred(loop -> repeat.apply("ab", 2)));
        assertEquals("value of k", Trial.runDeferred(loop -> store.fetch("k")));
        assertEquals("fallback", Trial.runDeferred(loop -> store.fetchOrDefault("missing", "fallback")));
    }

    @Test
    void aCheckedExceptionArrivesAsTheSameObject() {
        IOException thrown = new IOException("disk on fire");
        Supplier<Deferred<String>> read = InThread.inThread(() -> {
            throw thrown;
        });
        IOException failure = Trial.runDeferred(loop -> Trial.assertFailure(read.get(), IOException.class));
        assertSame(thrown, failure);
    }

    @Test
    void theResultIsTheSameObjectAndArrivesOnTheLoopThread() {
        Object result = new Object();
        List<Thread> threads = new ArrayList<>();
        Object got = Trial.runDeferred(loop -> InThread.inThread(() -> {
            threads.add(Thread.currentThread());
            return result;
        }).get().addCallback(value -> {
            assertTrue(loop.inLoopThread(), "callbacks run on the caller's loop");
            return value;
        }));
        assertSame(result, got);
        assertTrue(threads.getFirst().isVirtual());
    }

    @Test
    void errorsAreKeptToo() {
        StackOverflowError error = new StackOverflowError("deep");
        StackOverflowError failure = Trial.runDeferred(loop -> Trial.assertFailure(
                InThread.inThread((Supplier<String>) () -> {
                    throw error;
                }).get(), StackOverflowError.class));
        assertSame(error, failure);
    }

    @Test
    void functionsOfOneAndTwoArgumentsAndExistingFunctionObjects() {
        Function<String, Integer> length = String::length;
        BiFunction<Integer, Integer, Integer> plus = Integer::sum;
        List<Object> results = Trial.runDeferred(loop -> Deferreds.gatherResults(List.of(
                InThread.inThread((String s) -> s.repeat(2)).apply("ab"),
                InThread.inThread(length).apply("abc"),
                InThread.inThread((Integer a, Integer b) -> a * b).apply(6, 7),
                InThread.inThread(plus).apply(2, 3),
                InThread.inThread((Supplier<String>) () -> "supplied").get())));
        assertEquals(List.of("abab", 3, 42, 5, "supplied"), results);
    }

    @Test
    void callsRunAtTheSameTimeOnSeparateThreads() {
        CountDownLatch bothInside = new CountDownLatch(2);
        Function<String, Deferred<Boolean>> meet = InThread.inThread((String name) -> {
            bothInside.countDown();
            return bothInside.await(30, TimeUnit.SECONDS); // only true if the other call runs meanwhile
        });
        List<Boolean> met = Trial.runDeferred(loop -> Deferreds.gatherResults(List.of(meet.apply("a"), meet.apply("b"))));
        assertEquals(List.of(true, true), met);
    }

    @Test
    void worksWithoutALoop() throws Exception {
        Deferred<String> d = InThread.inThread(() -> "no loop").get();
        assertEquals("no loop", d.toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    @Test
    void theProxyRunsEachMethodInAThread() {
        MemoryStore store = new MemoryStore();
        AsyncStore async = InThread.proxy(AsyncStore.class, store);
        List<Object> results = Trial.runDeferred(loop -> Deferreds.gatherResults(List.of(
                async.fetch("a"), async.size(), async.clear(), async.fetchOrDefault("missing", "fallback"))));
        assertEquals(java.util.Arrays.asList("value of a", 3, null, "fallback"), results);
        assertTrue(store.threads.stream().allMatch(name -> name.startsWith("VirtualThread")), store.threads.toString());
    }

    @Test
    void theProxyPassesTheOriginalExceptionUnwrapped() {
        AsyncStore async = InThread.proxy(AsyncStore.class, new MemoryStore());
        Throwable failure = Trial.runDeferred(loop -> Trial.assertFailure(async.fetch("missing"), IOException.class));
        assertEquals(FileNotFoundException.class, failure.getClass());
        assertEquals("missing", failure.getMessage());
    }

    @Test
    void theProxyIsItselfForEqualsHashCodeAndToString() {
        MemoryStore store = new MemoryStore();
        AsyncStore one = InThread.proxy(AsyncStore.class, store);
        AsyncStore two = InThread.proxy(AsyncStore.class, store);
        assertEquals(one, one);
        assertNotEquals(one, two);
        assertEquals(System.identityHashCode(one), one.hashCode());
        assertTrue(one.toString().startsWith("InThread.proxy(AsyncStore -> "), one.toString());
    }

    /** A method that returns a plain value cannot run in a thread. */
    public interface NotDeferred {
        String fetch(String key);
    }

    /** A method the blocking object lacks. */
    public interface Missing {
        Deferred<String> fetchAll(String key);
    }

    /** A result type the blocking method cannot produce. */
    public interface WrongType {
        Deferred<String> size();
    }

    @Test
    void mismatchesFailAtCreation() {
        MemoryStore store = new MemoryStore();
        assertEquals("NotDeferred.fetch(String) must return a Deferred to run in a thread",
                assertThrows(IllegalArgumentException.class, () -> InThread.proxy(NotDeferred.class, store)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InThread.proxy(Missing.class, store))
                .getMessage().contains("has no public method fetchAll(String) to implement Missing.fetchAll(String)"));
        assertEquals("WrongType.size() returns Deferred<String> but Store.size() returns int",
                assertThrows(IllegalArgumentException.class, () -> InThread.proxy(WrongType.class, store)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> InThread.proxy(MemoryStore.class, store));
    }

    @Test
    void cancellingInterruptsTheCall() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CancelledError failure = Trial.runDeferred(loop -> {
            Deferred<Object> call = InThread.inThread(() -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
                return null;
            }).get();
            Deferred<Void> cancelWhenStarted = InThread.inThread(() -> {
                started.await();
                return (Void) null;
            }).get();
            cancelWhenStarted.addCallback(ignored -> {
                call.cancel();
                return null;
            });
            return Trial.assertFailure(call, CancelledError.class);
        });
        assertTrue(failure instanceof CancelledError);
        assertFalse(Thread.currentThread().isInterrupted());
        assertTrue(awaitQuietly(interrupted), "the blocking call saw the interrupt");
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
