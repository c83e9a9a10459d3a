package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A Deferred's chain runs on its loop's thread, whoever touches it; a loop that ended hands that back. */
class AffinityTest {
    @Test
    void addingPausingAndFiringFromAnotherThreadAllRunOnTheLoop() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LoopThread running = new LoopThread(EventLoop.create("affinity"))) {
            Deferred<?>[] owned = new Deferred<?>[1];
            running.runOnLoop(() -> owned[0] = new Deferred<String>());
            @SuppressWarnings("unchecked")
            Deferred<String> d = (Deferred<String>) owned[0];
            CountDownLatch done = new CountDownLatch(1);
            d.pause();                                                   // from this thread: marshalled
            d.addCallback(value -> {
                seen.add(value + " on loop=" + running.loop.inLoopThread());
                return value;
            });
            d.callback("fired elsewhere");
            d.addCallback(ignored -> {
                seen.add("added after firing, on loop=" + running.loop.inLoopThread());
                done.countDown();
                return null;
            });
            running.runOnLoop(() -> seen.add("paused: nothing ran yet"));
            d.unpause();
            LoopThread.await(done, "the chain");
        }
        assertEquals(List.of("paused: nothing ran yet", "fired elsewhere on loop=true",
                "added after firing, on loop=true"), seen);
    }

    @Test
    void aDeferredOfALoopThatEndedRunsOnTheCallersThread() {
        List<Deferred<String>> made = new CopyOnWriteArrayList<>();
        EventLoop.react(loop -> Deferreds.succeed(made.add(new Deferred<>())));
        Deferred<String> orphan = made.getFirst();
        Thread[] ranOn = new Thread[1];
        orphan.addCallback(value -> ranOn[0] = Thread.currentThread());
        orphan.callback("after the loop");
        assertSame(Thread.currentThread(), ranOn[0]);
        assertTrue(orphan.loop().orElseThrow().isStopped());
    }
}
