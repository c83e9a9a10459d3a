package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.testing.Trial;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A waiter cancelled on its own loop while another thread hands it the lock
 * (or an item) either gets it or is skipped: the lock is never lost, an item
 * never vanishes, and nobody sees AlreadyCalledError.
 */
class PrimitiveRacesTest {
    private static final int ROUNDS = 1000;

    @Test
    void aLockHandedToAWaiterBeingCancelledIsNeverLost() throws InterruptedException {
        DeferredLock lock = new DeferredLock();
        assertTrue(lock.acquire().called(), "held by the test thread");
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName());
             LoopThread a = new LoopThread(EventLoop.create("waiter"))) {
            for (int round = 0; round < ROUNDS; round++) {
                Object[] outcome = new Object[1];
                @SuppressWarnings("unchecked")
                Deferred<DeferredLock>[] waiter = (Deferred<DeferredLock>[]) new Deferred<?>[1];
                a.runOnLoop(() -> waiter[0] = lock.acquire());
                a.loop.callFromThread(() -> waiter[0].cancel());
                lock.release();                                   // races with the cancel
                a.runOnLoop(() -> waiter[0].addBoth(result -> outcome[0] = result));
                if (outcome[0] == lock) {
                    assertTrue(lock.locked());
                    lock.release();
                } else {
                    assertInstanceOf(CancelledError.class, ((Failure) outcome[0]).value());
                }
                assertFalse(lock.locked(), "round " + round);
                assertTrue(lock.acquire().called(), "the lock is free again");
            }
            assertEquals(List.of(), log.messages(), "no error on the waiter's loop");
        }
    }

    @Test
    void anItemPutForAGetterBeingCancelledIsNeverLost() throws InterruptedException {
        DeferredQueue<Integer> queue = new DeferredQueue<>();
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName());
             LoopThread a = new LoopThread(EventLoop.create("getter"))) {
            for (int round = 0; round < ROUNDS; round++) {
                Object[] outcome = new Object[1];
                @SuppressWarnings("unchecked")
                Deferred<Integer>[] getter = (Deferred<Integer>[]) new Deferred<?>[1];
                a.runOnLoop(() -> getter[0] = queue.get());
                a.loop.callFromThread(() -> getter[0].cancel());
                queue.put(round);                                 // races with the cancel
                a.runOnLoop(() -> getter[0].addBoth(result -> outcome[0] = result));
                if (outcome[0] instanceof Integer item) {
                    assertEquals(round, item);
                    assertEquals(List.of(), queue.pending());
                } else {
                    assertInstanceOf(CancelledError.class, ((Failure) outcome[0]).value());
                    assertEquals(List.of(round), queue.pending(), "the item waits for the next getter");
                    assertEquals(round, Trial.successResultOf(queue.get()));
                }
                assertEquals(0, queue.waitingGetters());
            }
            assertEquals(List.of(), log.messages());
        }
    }

    @Test
    void aCancelWhoseCancellerLosesToAFireFromAnotherThreadRaisesNothing() throws Exception {
        List<Object> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CapturedLog log = new CapturedLog(EventLoop.class.getName());
             LoopThread a = new LoopThread(EventLoop.create("canceller"))) {
            @SuppressWarnings("unchecked")
            Deferred<String>[] d = (Deferred<String>[]) new Deferred<?>[1];
            a.runOnLoop(() -> d[0] = new Deferred<>(self -> {
                // The producer fires from its own thread while the canceller runs (a hand-over in flight).
                Thread producer = Thread.ofVirtual().start(() -> seen.add("producer won: " + d[0].tryFire("value")));
                try {
                    producer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            a.runOnLoop(() -> {
                d[0].cancel();                                  // must not raise AlreadyCalledError
                d[0].addBoth(seen::add);
            });
            assertEquals(List.of(), log.messages());
        }
        assertEquals(List.of("producer won: true", "value"), seen);
    }
}
