package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a loop on its own thread for tests that act on it from outside; waits (bounded) for it to end. */
final class LoopThread implements AutoCloseable {
    static final long WAIT_SECONDS = 30;

    final EventLoop loop;
    final Thread thread;
    private final CountDownLatch started = new CountDownLatch(1);

    LoopThread(EventLoop loop) {
        this.loop = loop;
        loop.callWhenRunning(started::countDown);
        this.thread = Thread.ofPlatform().name("loop-" + loop.name()).start(loop::run);
        await(started, "the loop to start");
    }

    /** Posts {@code action} and waits until it has run on the loop. */
    void runOnLoop(Runnable action) {
        CountDownLatch done = new CountDownLatch(1);
        loop.callFromThread(() -> {
            try {
                action.run();
            } finally {
                done.countDown();
            }
        });
        await(done, "an event to run on the loop");
    }

    /** Waits for the loop's run() to return. */
    void join() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertTrue(!thread.isAlive(), "the loop did not end");
    }

    static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    @Override
    public void close() {
        if (loop.isRunning()) {
            try {
                loop.stop();
            } catch (IllegalStateException alreadyStopping) {
                // fine
            }
        }
        try {
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the loop to end", e);
        }
    }
}
