package dev.braid.deferred;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

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
 *
 * <p>At the end, subtasks are interrupted and waited for up to the loop's
 * grace. One that ignores its interrupt (or spins) past the grace is logged
 * once with its stack and left running: its Deferred fails with
 * {@link CancelledError} like any subtask that never reported, and whatever
 * it returns later is dropped.
 */
final class LoopSubtasks {
    /** The system property with the default grace: seconds, or {@code forever}. */
    static final String GRACE_PROPERTY = "braid.subtasks.grace";
    /** The grace when nothing else is said. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());

    private final EventLoop loop;
    private final Duration grace;
    private final AtomicInteger running = new AtomicInteger();
    private Set<Subtask<?>> live;                            // loop thread only; made on the first fork
    private volatile SubtaskBackend backend;
    private int forked;                                      // loop thread only

    /**
     * @param grace how long the loop's end waits for subtasks that ignore their
     *     interrupt; null: as long as it takes
     */
    LoopSubtasks(EventLoop loop, Duration grace) {
        this.loop = loop;
        this.grace = grace;
    }

    /**
     * Returns the grace set by {@link #GRACE_PROPERTY}, else {@link #DEFAULT_GRACE}.
     *
     * @return the grace; null for {@code forever}
     * @throws IllegalArgumentException if the property is neither seconds nor {@code forever}
     */
    static Duration defaultGrace() {
        String value = System.getProperty(GRACE_PROPERTY);
        if (value == null) {
            return DEFAULT_GRACE;
        }
        if (value.strip().equals("forever")) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            if (seconds >= 0 && seconds <= Integer.MAX_VALUE) {
                return Duration.ofNanos((long) (seconds * 1e9));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("-D" + GRACE_PROPERTY + " must be seconds (0 or more) or forever, not "
                + value);
    }

    /** Opens the backend now, in the loop's own frame (the structured backend must be opened there). */
    void open() {
        backend = SubtaskBackend.open(loop, grace);
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
            backend = SubtaskBackend.open(loop, grace);    // the plain backend: safe to open anywhere
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
        SubtaskBackend opened = backend;
        if (opened != null) {
            opened.workEnded();
        }
    }

    /**
     * Interrupts every subtask and waits for them, up to the grace (the
     * backend's close); logs once the ones still running after it, with their
     * stacks, and leaves them.
     */
    void closeBackend() {
        SubtaskBackend opened = backend;
        if (opened == null) {
            return;
        }
        List<Thread> left = opened.close();
        if (left.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder().append("Loop ").append(loop.name()).append(" ended with ")
                .append(left.size()).append(left.size() == 1 ? " subtask" : " subtasks")
                .append(" still running ").append(grace.toMillis() / 1000.0)
                .append(" s after being interrupted; left running, its result will be dropped (see -D")
                .append(GRACE_PROPERTY).append("):");
        for (Thread thread : left) {
            report.append("\n\"").append(thread.getName()).append('"');
            for (StackTraceElement frame : thread.getStackTrace()) {
                report.append("\n    at ").append(frame);
            }
        }
        LOG.warning(report.toString());
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
