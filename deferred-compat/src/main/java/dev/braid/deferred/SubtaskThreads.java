package dev.braid.deferred;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The virtual threads that run one loop's subtasks, outside any scope, so
 * that the loop can stop waiting for them: started with the loop current,
 * interrupted together, and waited for up to a deadline. A thread still alive
 * after the deadline is the caller's to report; nothing here stops it.
 */
final class SubtaskThreads {
    /** Shared by every loop, so that none builds a factory (subtasks name their threads themselves). */
    private static final ThreadFactory FACTORY = Thread.ofVirtual().factory();

    private final EventLoop loop;
    private final Set<Thread> alive = ConcurrentHashMap.newKeySet();

    SubtaskThreads(EventLoop loop) {
        this.loop = loop;
    }

    /** Starts {@code task} on a new virtual thread that sees the loop as current. */
    Thread start(Runnable task) {
        Thread thread = FACTORY.newThread(() -> {
            try {
                EventLoop.runAsCurrent(loop, task);
            } finally {
                alive.remove(Thread.currentThread());
            }
        });
        alive.add(thread);
        thread.start();
        return thread;
    }

    /**
     * Called on a subtask's thread once its result is handed to the loop: from
     * then on it is finishing, not running, and the loop's end neither waits
     * for it nor reports it (it used to, when the loop ended in between).
     */
    void workEnded() {
        alive.remove(Thread.currentThread());
    }

    void interruptAll() {
        alive.forEach(Thread::interrupt);
    }

    /**
     * Waits until every thread has ended or {@code grace} has passed, whichever
     * comes first ({@code null}: no deadline); an interrupt of the waiting
     * thread does not cut the wait short (it is kept for the caller).
     *
     * @return the threads still alive at the deadline
     */
    List<Thread> awaitEnd(Duration grace) {
        long deadline = grace == null ? 0 : System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        List<Thread> left = new ArrayList<>();
        for (Thread thread : List.copyOf(alive)) {
            while (alive.contains(thread) && thread.isAlive()) {
                try {
                    if (grace == null) {
                        thread.join();
                        continue;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        left.add(thread);
                        break;
                    }
                    thread.join(Duration.ofNanos(remaining));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left;
    }
}
