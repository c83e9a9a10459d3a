package dev.braid.deferred;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The loop's subtasks as plain virtual threads, for JVMs without
 * {@code --enable-preview}: same behaviour as the structured backend (the loop
 * is current in each subtask, and close interrupts and waits for them all),
 * without the JDK's structural guarantees. One difference shows: other
 * {@code ScopedValue}s bound around {@link EventLoop#run()} are inherited by
 * structured subtasks but not by these threads (only the current loop is).
 */
final class VirtualThreadBackend implements SubtaskBackend {
    private final EventLoop loop;
    private final ThreadFactory threads;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    VirtualThreadBackend(EventLoop loop) {
        this.loop = loop;
        this.threads = Thread.ofVirtual().factory();  // subtasks name themselves
    }

    @Override
    public Fork fork(Runnable task) {
        if (closed) {
            return Fork.CLOSED;
        }
        Thread thread = threads.newThread(() -> {
            try {
                EventLoop.runAsCurrent(loop, task);
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread);
        thread.start();
        return Fork.STARTED;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread thread : running) {
            thread.interrupt();
        }
        boolean interrupted = false;
        for (Thread thread : running) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "virtual";
    }
}
