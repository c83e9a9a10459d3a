package dev.braid.deferred;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of one {@link EventLoop}, from {@code run()} to its end: the state
 * machine (new, running, stopping, closing, stopped), the system events and
 * their triggers ({@code "startup"}, {@code "shutdown"}, and any other a user
 * fires), and the end itself — closing the scope of subtasks, running what is
 * still queued, refusing new events, then running the end hooks.
 *
 * <p>As a {@link Runnable} it is the shutdown event that {@code stop()} queues
 * (being its own event, a stop makes no callback object: a loop is made for
 * every request). It shares the loop's lock; the methods named
 * {@code ...Locked} are called with it held.
 */
final class LoopLifecycle implements Runnable {
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());

    /** Where a loop is in its life. */
    enum State {
        /** Built, not yet run: events wait. */
        NEW,
        /** Running events until {@code stop()}. */
        RUNNING,
        /** Firing the shutdown event; events still run. */
        STOPPING,
        /** Closing the scope and running what is left in the queue. */
        CLOSING,
        /** Over: new events are refused. */
        STOPPED
    }

    private final EventLoop loop;
    private volatile State state = State.NEW;
    private SystemEventTriggers triggers;       // guarded by the loop's lock; null until a trigger
    private Set<Runnable> endHooks;             // guarded by the loop's lock; null until a hook
    private boolean exitRequested;              // loop thread only

    LoopLifecycle(EventLoop loop) {
        this.loop = loop;
    }

    // ------------------------------------------------------------------ state

    State state() {
        return state;
    }

    boolean isStopped() {
        return state == State.STOPPED;
    }

    /** Closing or stopped: subtasks can no longer be forked. */
    boolean isClosing() {
        State now = state;
        return now == State.CLOSING || now == State.STOPPED;
    }

    /** Whether the loop's events are over (loop thread, lock held). */
    boolean exitRequested() {
        return exitRequested;
    }

    // ------------------------------------------------------------------ running

    /**
     * Marks the loop running; the startup event is queued first when a trigger
     * waits for it (lock held).
     *
     * @throws IllegalStateException if the loop has already been run
     */
    void startLocked() {
        if (state != State.NEW) {
            throw new IllegalStateException("an EventLoop runs once; " + loop.name() + " is " + state);
        }
        state = State.RUNNING;
        if (triggers != null) {
            loop.postFirstLocked(() -> fireEvent("startup", () -> { }));
        }
    }

    /**
     * The loop's whole run, called with the loop current: open the subtask
     * backend if it opens at the start, run the loop's events until shutdown
     * is over, close.
     */
    void runAsCurrent() {
        if (SubtaskBackend.opensAtLoopStart()) {
            loop.subtasks().open();
        }
        try {
            loop.mainLoop();
        } finally {
            close();
        }
    }

    /**
     * Starts the shutdown (lock held).
     *
     * @throws IllegalStateException if the loop is not running or already stopping
     */
    void stopLocked() {
        if (state != State.RUNNING) {
            throw new IllegalStateException("Can't stop a loop that isn't running (" + loop.name() + " is " + state + ")");
        }
        state = State.STOPPING;
        loop.postLocked(this);
    }

    /**
     * Someone interrupted the loop's thread while it waited (a server shutting
     * down): stop, or, during shutdown, give up what is left of it (lock held).
     */
    void interruptedLocked() {
        if (state == State.RUNNING) {
            state = State.STOPPING;
            loop.postLocked(this);
        } else {
            exitRequested = true;
        }
    }

    /** The shutdown event: fires "shutdown", then ends the loop's events. */
    @Override
    public void run() {
        SystemEventTriggers current = currentTriggers();
        if (current == null) {
            exitRequested = true;       // nothing to wait for: no callback to make
        } else {
            current.fire(loop, "shutdown", () -> exitRequested = true);
        }
    }

    /**
     * Closes the scope (interrupting and waiting for subtasks), fails the
     * Deferreds of subtasks that never reported, runs what is left in the
     * queue, and only then refuses new events and runs the end hooks.
     */
    private void close() {
        state = State.CLOSING;
        LoopSubtasks forked = loop.forkedSubtasks();
        if (forked != null) {
            try {
                forked.closeBackend();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "Error closing the subtasks of " + loop.name(), e);
            }
            loop.drainQueue();
            forked.failUnreported();
        }
        ReentrantLock lock = loop.lock();
        List<Runnable> hooks;
        while (true) {
            loop.drainQueue();
            lock.lock();
            try {
                if (loop.queueIsEmptyLocked()) {
                    state = State.STOPPED;
                    hooks = endHooks == null ? List.of() : List.copyOf(endHooks);
                    endHooks = null;
                    break;
                }
            } finally {
                lock.unlock();
            }
        }
        hooks.forEach(loop::runSafely);
    }

    @Override
    public String toString() {
        return "shutdown of " + loop.name();
    }

    // ------------------------------------------------------------------ system events

    /** See {@link EventLoop#addSystemEventTrigger}. */
    Object addTrigger(EventLoop.Phase phase, String eventType, Callable<?> fn) {
        ReentrantLock lock = loop.lock();
        lock.lock();
        try {
            return triggersLocked().add(phase, eventType, fn);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code fn} right after start-up, before the events posted earlier,
     * if the loop has not started yet (lock held).
     *
     * @return false if the loop has already started: {@code fn} was not taken
     */
    boolean runAfterStartupLocked(Runnable fn) {
        if (state != State.NEW) {
            return false;
        }
        triggersLocked().add(EventLoop.Phase.AFTER, "startup", () -> {
            fn.run();
            return null;
        });
        return true;
    }

    /** See {@link EventLoop#removeSystemEventTrigger}. */
    void removeTrigger(Object handle) {
        SystemEventTriggers current = currentTriggers();
        if (current == null) {
            throw new IllegalArgumentException("no such system event trigger (already run or removed?): " + handle);
        }
        current.remove(handle);
    }

    /** Fires an event and runs {@code then} when it is over: at once when no trigger made it wait. */
    void fireEvent(String eventType, Runnable then) {
        SystemEventTriggers current = currentTriggers();
        if (current == null) {
            then.run();
        } else {
            current.fire(loop, eventType, then);
        }
    }

    private SystemEventTriggers currentTriggers() {
        ReentrantLock lock = loop.lock();
        lock.lock();
        try {
            return triggers;
        } finally {
            lock.unlock();
        }
    }

    private SystemEventTriggers triggersLocked() {
        if (triggers == null) {
            triggers = new SystemEventTriggers();
        }
        return triggers;
    }

    // ------------------------------------------------------------------ end hooks

    /** Runs {@code hook} once the loop has stopped (at once if it has); returns it for {@link #removeEndHook}. */
    Runnable addEndHook(Runnable hook) {
        ReentrantLock lock = loop.lock();
        lock.lock();
        try {
            if (state != State.STOPPED) {
                if (endHooks == null) {
                    endHooks = new LinkedHashSet<>();
                }
                endHooks.add(hook);
                return hook;
            }
        } finally {
            lock.unlock();
        }
        hook.run();
        return hook;
    }

    void removeEndHook(Runnable hook) {
        ReentrantLock lock = loop.lock();
        lock.lock();
        try {
            if (endHooks != null) {
                endHooks.remove(hook);
            }
        } finally {
            lock.unlock();
        }
    }
}
