package dev.braid.deferred;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subtasks of one loop: forks them into the loop's {@link SubtaskBackend},
 * counts the ones still running (for {@link EventLoop#isIdle()}), and at the
 * loop's end closes the backend and fails the Deferreds of subtasks that never
 * reported. Forking and closing happen on the loop's thread; the count is
 * read from anywhere.
 *
 * <p>The plain backend opens on the first fork, so a loop that forks nothing
 * starts no thread and keeps no set. The structured backend opens as the loop
 * starts ({@link #open}): a {@code StructuredTaskScope} must be opened in the
 * frame it is closed in, and an event may fork from inside a
 * {@code ScopedValue} binding or a scope of its own, where a scope opened on
 * the spot would be torn down with that binding; nor can the first fork wait
 * for the event to return, since code on the loop's thread may block until the
 * subtask it forked makes progress (a generator stage does).
 *
 * <p>The count goes up before the fork and down in the same step (under the
 * loop's lock) that queues the delivery event, so the loop never looks idle
 * while a result is on its way, nor busy once it has arrived.
 */
final class LoopSubtasks {
    private final EventLoop loop;
    private final AtomicInteger running = new AtomicInteger();
    private Set<Subtask<?>> live;                            // loop thread only; made on the first fork
    private volatile SubtaskBackend backend;
    private int forked;                                      // loop thread only

    LoopSubtasks(EventLoop loop) {
        this.loop = loop;
    }

    /** Opens the backend now, in the loop's own frame (the structured backend must be opened there). */
    void open() {
        backend = SubtaskBackend.open(loop);
    }

    String backendName() {
        SubtaskBackend current = backend;
        return current == null ? SubtaskBackend.chosenName() : current.name();
    }

    int running() {
        return running.get();
    }

    /** Forks on the loop's thread; {@code fromLoopFrame} says this runs as an event of the loop itself. */
    void forkNow(Subtask<?> subtask, boolean fromLoopFrame) {
        if (loop.isClosing()) {
            subtask.deliver(new Failure(new CancelledError("loop " + loop.name() + " is closing"), "fork"));
            return;
        }
        if (backend == null) {
            backend = SubtaskBackend.open(loop);    // the plain backend: safe to open anywhere
        }
        if (live == null) {
            live = new HashSet<>();
        }
        live.add(subtask);
        running.incrementAndGet();
        subtask.number = forked++;
        SubtaskBackend.Fork result;
        try {
            result = backend.fork(subtask);
        } catch (RuntimeException | Error e) {
            forgetFailedFork(subtask);
            subtask.deliver(new Failure(e, "fork"));
            return;
        }
        switch (result) {
            case STARTED -> { }
            case CLOSED -> {
                forgetFailedFork(subtask);
                subtask.deliver(new Failure(new CancelledError("loop " + loop.name() + " is closing"), "fork"));
            }
            case RETRY_FROM_LOOP -> {
                forgetFailedFork(subtask);
                if (fromLoopFrame) {
                    subtask.deliver(new Failure(
                            new IllegalStateException("cannot fork into the scope of " + loop.name()), "fork"));
                } else {
                    // A ScopedValue was bound on the loop's thread after the scope opened: fork from the loop's frame.
                    loop.callFromThread(() -> forkNow(subtask, true));
                }
            }
        }
    }

    private void forgetFailedFork(Subtask<?> subtask) {
        live.remove(subtask);
        running.decrementAndGet();
    }

    /** The delivery event of a subtask that ended, run on the loop's thread. */
    Runnable delivery(Subtask<?> subtask, Runnable deliver) {
        return () -> {
            live.remove(subtask);
            deliver.run();
        };
    }

    /** Called on the subtask's thread, under the loop's lock, as its delivery event is queued. */
    void ended() {
        running.decrementAndGet();
    }

    /** Interrupts and waits for every subtask (the backend's close). */
    void closeBackend() {
        SubtaskBackend opened = backend;
        if (opened != null) {
            opened.close();
        }
    }

    /** Fails the Deferreds of subtasks that never reported (forked but never started before the scope closed). */
    void failUnreported() {
        if (live == null) {
            return;
        }
        for (Subtask<?> subtask : List.copyOf(live)) {
            subtask.deliver(new Failure(new CancelledError("loop " + loop.name() + " ended"), "loop end"));
        }
        live.clear();
    }
}
