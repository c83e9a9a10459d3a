package dev.braid.deferred.flow;

import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Threads;

/** Where a stage's own thread runs: a subtask of the pulling loop, or a plain virtual thread. */
final class Worker {
    private Worker() {
    }

    /**
     * Starts {@code body}. Called on a loop's thread, it becomes a subtask of
     * that loop (it sees the loop as current, and the loop's end interrupts
     * it); anywhere else it gets a plain virtual thread. {@code body} must
     * report its own outcome: it is not expected to throw.
     */
    static void start(String name, Runnable body) {
        EventLoop loop = EventLoop.current().orElse(null);
        if (loop != null && loop.inLoopThread()) {
            Threads.deferToThread(() -> {
                body.run();
                return null;
            }).addErrback(ignored -> null); // cut short by the loop's end: the stage is gone too
        } else {
            Thread.ofVirtual().name(name).start(body);
        }
    }
}
