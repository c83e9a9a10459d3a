package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.testing.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** DeferredLock, DeferredSemaphore and DeferredQueue (Twisted's OtherPrimitivesTests). */
class PrimitivesTest {
    @Test
    void lockHandsOverFirstComeFirstServed() {
        DeferredLock lock = new DeferredLock();
        assertSame(lock, Trial.successResultOf(lock.acquire()));
        Deferred<DeferredLock> second = lock.acquire();
        Deferred<DeferredLock> third = lock.acquire();
        Trial.assertNoResult(second);
        lock.release();
        assertSame(lock, Trial.successResultOf(second));
        assertTrue(lock.locked(), "handed over, not released");
        third.cancel();
        Trial.failureResultOf(third, CancelledError.class);
        lock.release();
        assertFalse(lock.locked());
        assertEquals("Tried to release an unlocked lock",
                assertThrows(IllegalStateException.class, lock::release).getMessage());
    }

    @Test
    void lockRunReleasesOnSuccessAndOnFailure() {
        DeferredLock lock = new DeferredLock();
        Deferred<String> pending = new Deferred<>();
        Deferred<String> result = lock.runDeferred(() -> pending);
        assertTrue(lock.locked(), "held until the work's Deferred fires");
        pending.callback("done");
        assertEquals("done", Trial.successResultOf(result));
        assertFalse(lock.locked());
        Deferred<Object> failed = lock.run(() -> {
            throw new IllegalStateException("work failed");
        });
        Trial.failureResultOf(failed, IllegalStateException.class);
        assertFalse(lock.locked());
    }

    @Test
    void semaphoreLimitsHolders() {
        assertEquals("DeferredSemaphore requires tokens >= 1",
                assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(0)).getMessage());
        DeferredSemaphore semaphore = new DeferredSemaphore(2);
        Trial.successResultOf(semaphore.acquire());
        Trial.successResultOf(semaphore.acquire());
        Deferred<DeferredSemaphore> third = semaphore.acquire();
        Trial.assertNoResult(third);
        semaphore.release();
        Trial.successResultOf(third);
        semaphore.release();
        semaphore.release();
        assertEquals("Someone released me too many times: too many tokens!",
                assertThrows(IllegalStateException.class, semaphore::release).getMessage());
    }

    @Test
    void queueHandsItemsToGettersAndEnforcesItsBounds() {
        DeferredQueue<String> queue = new DeferredQueue<>(1, 1);
        Deferred<String> getter = queue.get();
        assertThrows(DeferredQueue.QueueUnderflow.class, queue::get);
        queue.put("a");
        assertEquals("a", Trial.successResultOf(getter));
        queue.put("b");
        assertThrows(DeferredQueue.QueueOverflow.class, () -> queue.put("c"));
        assertEquals("b", Trial.successResultOf(queue.get()));
        Deferred<String> cancelled = queue.get();
        cancelled.cancel();
        Trial.failureResultOf(cancelled, CancelledError.class);
        assertEquals(0, queue.waitingGetters());
        queue.put("d");
        assertEquals(List.of("d"), queue.pending());
    }

    @Test
    void aLockSharedByTwoLoopsFiresEachWaiterOnItsOwnLoop() throws Exception {
        DeferredLock lock = new DeferredLock();
        AtomicInteger inside = new AtomicInteger();
        List<Boolean> onOwnLoop = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            Thread.ofVirtual().start(() -> EventLoop.react(loop -> lock.runDeferred(() -> {
                onOwnLoop.add(loop.inLoopThread());
                assertEquals(1, inside.incrementAndGet(), "one holder at a time");
                return Deferreds.deferLater(loop, 0.01, () -> inside.decrementAndGet());
            }).addBoth(r -> {
                done.countDown();
                return r;
            })));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(true, true), new ArrayList<>(onOwnLoop));
    }
}
