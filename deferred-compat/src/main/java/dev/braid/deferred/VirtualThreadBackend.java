package dev.braid.deferred;

import java.time.Duration;
import java.util.List;

/**
 * The loop's subtasks as plain virtual threads, for JVMs without
 * {@code --enable-preview}: same behaviour as the structured backend (the loop
 * is current in each subtask, and close interrupts them and waits for them,
 * up to the loop's grace), without the JDK's structural guarantees. Other
 * {@code ScopedValue}s bound around {@link EventLoop#run()} are not inherited
 * (only the current loop is).
 */
final class VirtualThreadBackend implements SubtaskBackend {
    private final SubtaskThreads threads;
    private final Duration grace;
    private volatile boolean closed;

    VirtualThreadBackend(EventLoop loop, Duration grace) {
        this.threads = new SubtaskThreads(loop);
        this.grace = grace;
    }

    @Override
    public Fork fork(Runnable task) {
        if (closed) {
            return Fork.CLOSED;
        }
        threads.start(task);
        return Fork.STARTED;
    }

    @Override
    public List<Thread> close() {
        closed = true;
        threads.interruptAll();
        return threads.awaitEnd(grace);
    }

    @Override
    public void workEnded() {
        threads.workEnded();
    }

    @Override
    public String name() {
        return "virtual";
    }
}
