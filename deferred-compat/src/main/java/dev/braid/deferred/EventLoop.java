package dev.braid.deferred;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A queue of events drained by one thread: Twisted's reactor, one per request,
 * per connection, or per application.
 *
 * <p>{@link #run()} takes over the calling thread until {@link #stop()}: it runs
 * events posted with {@link #callFromThread}, calls scheduled with
 * {@link #callLater}, and the results of subtasks, one at a time. While it runs
 * the loop is {@link #current() current}: Deferreds created then belong to it
 * and run their callbacks on its thread, and
 * {@link Threads#deferToThread deferToThread} forks into its scope.
 *
 * <h2>Subtasks and structured concurrency</h2>
 * Each loop owns one {@code StructuredTaskScope} (or, without
 * {@code --enable-preview}, an equivalent set of virtual threads). Subtasks
 * run on fresh virtual threads in that scope; a failing subtask fails only its
 * own Deferred. When the loop ends, the scope is closed: unfinished subtasks
 * are interrupted and their Deferreds fail with {@link CancelledError}.
 *
 * <h2>Idleness and unhandled failures</h2>
 * The loop is {@link #isIdle() idle} when no event is queued, no delayed call
 * is pending and no subtask is running. It also remembers which of its
 * Deferreds ended their chain in a Failure nobody handled
 * ({@link #unhandledFailures()}). Together they let the web layer answer a
 * request whose chain failed silently instead of leaving the browser waiting:
 * see {@link Builder#onIdle}.
 *
 * <h2>Shutdown</h2>
 * {@code stop()} fires the {@code "shutdown"} system event: the
 * {@link Phase#BEFORE before} triggers run first and the loop waits for the
 * Deferreds they return (services stopping), then the {@code DURING} and
 * {@code AFTER} triggers run, and {@code run()} returns after closing the
 * scope. Pending delayed calls are dropped.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.create("poetry");
 * loop.callWhenRunning(() -> Threads.deferToThread(() -> Files.readString(path))
 *         .addCallback(poem -> { System.out.println(poem); return null; })
 *         .addBoth(ignored -> { loop.stop(); return null; }));
 * loop.run();
 * }</pre>
 */
public final class EventLoop implements ReactorTime, Executor {
    private static final ScopedValue<EventLoop> CURRENT = ScopedValue.newInstance();
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
    private static final int DEFAULT_TRACKED_FAILURES = 1024;

    /** The three phases of a system event (Twisted's "before", "during", "after"). */
    public enum Phase { BEFORE, DURING, AFTER }

    private enum State { NEW, RUNNING, STOPPING, CLOSING, STOPPED }

    private final String name;
    private final Consumer<EventLoop> onIdle;
    private final int maxTrackedFailures;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    private final DelayedCall.Owner timerOwner = new DelayedCall.Owner() {
        @Override
        public double seconds() {
            return EventLoop.this.seconds();
        }

        @Override
        public void cancelCall(DelayedCall call) {
            withLock(() -> timers.remove(call));
        }

        @Override
        public void moveCall(DelayedCall call, double newTime) {
            withLock(() -> timers.move(call, newTime));
        }
    };
    private final double epochSeconds = System.currentTimeMillis() / 1000.0;
    private final long startNanos = System.nanoTime();

    private volatile State state = State.NEW;
    private volatile Thread thread;
    private int runningSubtasks;                        // guarded by lock
    private boolean exitRequested;                      // loop thread only
    private SubtaskBackend backend;                     // loop thread only
    private final Set<Subtask<?>> liveSubtasks = new HashSet<>();   // loop thread only
    private final Map<String, Map<Phase, List<Trigger>>> triggers = new HashMap<>(); // guarded by lock
    private final LinkedHashMap<Deferred<?>, Failure> failedChains = new LinkedHashMap<>(); // guarded by itself

    private record Trigger(Callable<?> fn) {
    }

    private EventLoop(Builder builder) {
        this.name = builder.name;
        this.onIdle = builder.onIdle;
        this.maxTrackedFailures = builder.maxTrackedFailures;
    }

    /**
     * Creates a loop named "braid-loop". It does nothing until {@link #run()}.
     *
     * @return a new loop
     */
    public static EventLoop create() {
        return builder().build();
    }

    /**
     * Creates a named loop; the name shows in thread names and logs.
     *
     * @param name the loop's name
     * @return a new loop
     */
    public static EventLoop create(String name) {
        return builder().name(name).build();
    }

    /**
     * Starts configuring a loop.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the loop running the calling code: the loop whose thread this is,
     * or the loop that forked this subtask.
     *
     * @return the current loop, or empty outside any loop
     */
    public static Optional<EventLoop> current() {
        return Optional.ofNullable(currentOrNull());
    }

    static EventLoop currentOrNull() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /** Runs {@code task} with {@code loop} as the current loop (used by the plain backend). */
    static void runAsCurrent(EventLoop loop, Runnable task) {
        ScopedValue.where(CURRENT, loop).run(task);
    }

    /**
     * Runs a loop until the Deferred returned by {@code main} fires, and returns
     * its result or throws its exception (Twisted's {@code task.react}, without
     * the exit). For command-line clients and scripts.
     *
     * @param main called on the loop once it runs
     * @param <T> the result type
     * @return the Deferred's result
     */
    public static <T> T react(Function<EventLoop, Deferred<T>> main) {
        EventLoop loop = create("react");
        CompletableFuture<T> outcome = new CompletableFuture<>();
        loop.callWhenRunning(() -> {
            Deferred<T> done;
            try {
                done = main.apply(loop);
            } catch (Throwable error) {
                done = Deferreds.fail(error);
            }
            done.addCallbacks(value -> {
                outcome.complete(value);
                return null;
            }, failure -> {
                outcome.completeExceptionally(failure.value());
                return null;
            }).addBoth(ignored -> {
                loop.stop();
                return null;
            });
        });
        loop.run();
        try {
            return outcome.getNow(null);
        } catch (java.util.concurrent.CompletionException e) {
            throw Failure.sneakyThrow(e.getCause());
        }
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs the loop on the calling thread until it is stopped. A loop runs once.
     *
     * @throws IllegalStateException if the loop has already been run
     */
    public void run() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("an EventLoop runs once; " + name + " is " + state);
            }
            state = State.RUNNING;
            thread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        ScopedValue.where(CURRENT, this).run(this::runAsCurrent);
    }

    private void runAsCurrent() {
        backend = SubtaskBackend.open(this);
        try {
            post(() -> fireSystemEvent("startup"));
            mainLoop();
        } finally {
            closeScope();
        }
    }

    private void mainLoop() {
        boolean idleReported = false;
        boolean timersFirst = false;
        while (true) {
            Runnable next = null;
            lock.lock();
            try {
                if (exitRequested) {
                    return;
                }
                timersFirst = !timersFirst; // alternate so neither source starves the other
                if (timersFirst) {
                    next = dueTimer();
                }
                if (next == null) {
                    next = queue.pollFirst();
                }
                if (next == null) {
                    next = dueTimer();
                }
                if (next != null) {
                    idleReported = false;
                } else if (onIdle != null && !idleReported && idleLocked()) {
                    idleReported = true;
                    next = () -> onIdle.accept(this);
                } else {
                    waitForWork();
                    continue;
                }
            } finally {
                lock.unlock();
            }
            runSafely(next);
        }
    }

    private Runnable dueTimer() {
        DelayedCall due = timers.pollDue(seconds());
        return due == null ? null : due::run;
    }

    /** Waits (lock held) until an event is posted or the next timer is due. */
    private void waitForWork() {
        try {
            double next = timers.nextTime();
            if (Double.isNaN(next)) {
                wakeup.await();
            } else {
                long nanos = (long) Math.ceil((next - seconds()) * 1e9);
                if (nanos > 0) {
                    wakeup.awaitNanos(nanos);
                }
            }
        } catch (InterruptedException e) {
            // Someone interrupted the loop's thread (a server shutting down): stop, or give up stopping.
            if (state == State.RUNNING) {
                state = State.STOPPING;
                queue.addLast(this::fireShutdown);
            } else {
                exitRequested = true;
            }
        }
    }

    private void runSafely(Runnable event) {
        try {
            event.run();
        } catch (Throwable error) {
            LOG.log(Level.SEVERE, "Unhandled error in " + name + " while running " + event
                    + "\n" + new Failure(error).getTraceback());
        }
    }

    /**
     * Stops the loop: fires the shutdown event (waiting for the Deferreds of
     * its "before" triggers), then makes {@link #run()} return. May be called
     * from any thread.
     *
     * @throws IllegalStateException if the loop is not running or already stopping
     *     (Twisted's {@code ReactorNotRunning})
     */
    public void stop() {
        lock.lock();
        try {
            if (state != State.RUNNING) {
                throw new IllegalStateException("Can't stop a loop that isn't running (" + name + " is " + state + ")");
            }
            state = State.STOPPING;
            queue.addLast(this::fireShutdown);
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    private void fireShutdown() {
        fireSystemEvent("shutdown").addBoth(ignored -> {
            exitRequested = true;
            return null;
        });
    }

    /** Closes the scope, fails the Deferreds of interrupted work, and runs what is left in the queue. */
    private void closeScope() {
        state = State.CLOSING;
        backend.close();
        drainQueue();
        for (Subtask<?> subtask : List.copyOf(liveSubtasks)) {
            subtask.deliver(new Failure(new CancelledError(), "loop " + name + " ended"));
        }
        liveSubtasks.clear();
        while (true) {
            drainQueue();
            lock.lock();
            try {
                if (queue.isEmpty()) {
                    state = State.STOPPED;
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void drainQueue() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = queue.pollFirst();
            } finally {
                lock.unlock();
            }
            if (next == null) {
                return;
            }
            runSafely(next);
        }
    }

    // ------------------------------------------------------------------ posting

    /**
     * Runs {@code fn} on the loop's thread, after the events already queued
     * (Twisted's {@code callFromThread}). Safe from any thread, including the
     * loop's own (then it runs later, not now). Before {@link #run()} the event
     * waits for the loop to start.
     *
     * @param fn what to run
     * @throws IllegalStateException if the loop has stopped
     */
    public void callFromThread(Runnable fn) {
        if (!tryExecute(fn)) {
            throw new IllegalStateException("loop " + name + " has stopped");
        }
    }

    /** Same as {@link #callFromThread}, for use as an {@link Executor}. */
    @Override
    public void execute(Runnable fn) {
        callFromThread(fn);
    }

    /** Posts {@code fn} unless the loop has stopped; returns whether it was posted. */
    boolean tryExecute(Runnable fn) {
        lock.lock();
        try {
            if (state == State.STOPPED) {
                return false;
            }
            queue.addLast(fn);
            wakeup.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void post(Runnable fn) {
        tryExecute(fn);
    }

    /**
     * Runs {@code fn} once the loop is running: at once if this is the loop's
     * thread and it already runs, otherwise as the first events after
     * start-up (Twisted's {@code callWhenRunning}).
     *
     * @param fn what to run
     */
    public void callWhenRunning(Runnable fn) {
        lock.lock();
        boolean now;
        try {
            if (state == State.NEW) {
                addTriggerLocked(Phase.AFTER, "startup", () -> {
                    fn.run();
                    return null;
                });
                return;
            }
            now = inLoopThread();
            if (!now) {
                if (state == State.STOPPED) {
                    throw new IllegalStateException("loop " + name + " has stopped");
                }
                queue.addLast(fn);
                wakeup.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        fn.run();
    }

    // ------------------------------------------------------------------ time

    @Override
    public double seconds() {
        return epochSeconds + (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Runs {@code fn} on the loop's thread after {@code delay} seconds. Safe from
     * any thread. An exception thrown by {@code fn} is logged.
     */
    @Override
    public DelayedCall callLater(double delay, Runnable fn) {
        TimerQueue.checkDelay(delay);
        lock.lock();
        try {
            DelayedCall call = timers.add(timerOwner, seconds() + delay, fn);
            wakeup.signal();
            return call;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable fn) {
        return callLater(delay.toNanos() / 1e9, fn);
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        lock.lock();
        try {
            return timers.snapshot();
        } finally {
            lock.unlock();
        }
    }

    private void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ system events

    /**
     * Adds a function to run when a system event fires (Twisted's
     * {@code addSystemEventTrigger}). The built-in events are {@code "startup"}
     * and {@code "shutdown"}; a {@link Phase#BEFORE} trigger may return a
     * Deferred, and the event waits for it before running the later phases.
     * Triggers run on the loop's thread, once.
     *
     * @param phase when in the event to run
     * @param eventType the event's name
     * @param fn the trigger; its return value matters only if it is a Deferred
     * @return a handle for {@link #removeSystemEventTrigger}
     */
    public Object addSystemEventTrigger(Phase phase, String eventType, Callable<?> fn) {
        lock.lock();
        try {
            return addTriggerLocked(phase, eventType, fn);
        } finally {
            lock.unlock();
        }
    }

    private Object addTriggerLocked(Phase phase, String eventType, Callable<?> fn) {
        Trigger trigger = new Trigger(fn);
        triggers.computeIfAbsent(eventType, e -> new EnumMap<>(Phase.class))
                .computeIfAbsent(phase, p -> new ArrayList<>()).add(trigger);
        return trigger;
    }

    /**
     * Removes a trigger added with {@link #addSystemEventTrigger}.
     *
     * @param handle the value that method returned
     * @throws IllegalArgumentException if the trigger is unknown or has already run
     */
    public void removeSystemEventTrigger(Object handle) {
        lock.lock();
        try {
            for (Map<Phase, List<Trigger>> phases : triggers.values()) {
                for (List<Trigger> list : phases.values()) {
                    if (list.remove(handle)) {
                        return;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        throw new IllegalArgumentException("no such system event trigger: " + handle);
    }

    /**
     * Fires a system event: runs its BEFORE triggers, waits for the Deferreds
     * they returned, then runs its DURING and AFTER triggers. Exceptions from
     * triggers are logged. Call on the loop's thread.
     *
     * @param eventType the event's name
     * @return a Deferred that fires when every phase has run
     */
    public Deferred<Void> fireSystemEvent(String eventType) {
        List<Deferred<?>> waits = new ArrayList<>();
        for (Trigger trigger : takeTriggers(eventType, Phase.BEFORE)) {
            Object returned = callTrigger(trigger, eventType);
            if (returned instanceof Deferred<?> d) {
                waits.add(d);
            }
        }
        Deferred<Void> done = new Deferred<>(this, null);
        DeferredList.create(waits, false, false, true).addBoth(ignored -> {
            for (Phase phase : List.of(Phase.DURING, Phase.AFTER)) {
                for (Trigger trigger : takeTriggers(eventType, phase)) {
                    callTrigger(trigger, eventType);
                }
            }
            done.callback(null);
            return null;
        });
        return done;
    }

    private List<Trigger> takeTriggers(String eventType, Phase phase) {
        lock.lock();
        try {
            Map<Phase, List<Trigger>> phases = triggers.get(eventType);
            List<Trigger> list = phases == null ? null : phases.remove(phase);
            return list == null ? List.of() : list;
        } finally {
            lock.unlock();
        }
    }

    private Object callTrigger(Trigger trigger, String eventType) {
        try {
            Object returned = trigger.fn().call();
            if (returned instanceof Deferred<?> d) {
                d.addErrback(failure -> {
                    LOG.log(Level.SEVERE, "Error in " + eventType + " trigger of " + name + "\n" + failure.getTraceback());
                    return null;
                });
            }
            return returned;
        } catch (Throwable error) {
            LOG.log(Level.SEVERE, "Error in " + eventType + " trigger of " + name + "\n"
                    + new Failure(error).getTraceback());
            return null;
        }
    }

    // ------------------------------------------------------------------ subtasks

    /** Forks {@code work} into this loop's scope (marshalled if needed); see {@link Threads#deferToThread}. */
    <T> Deferred<T> fork(Callable<? extends T> work, String caughtBy, InlineBody<?> body) {
        Subtask<T> subtask = new Subtask<>(this, work, caughtBy, body);
        if (inLoopThread()) {
            forkNow(subtask);
        } else if (!tryExecute(() -> forkNow(subtask))) {
            throw new IllegalStateException("loop " + name + " has stopped");
        }
        return subtask.deferred;
    }

    private void forkNow(Subtask<?> subtask) {
        if (state == State.CLOSING || state == State.STOPPED || !backend.fork(subtask)) {
            subtask.deliver(new Failure(new CancelledError(), "loop " + name + " is closing"));
            return;
        }
        liveSubtasks.add(subtask);
        lock.lock();
        try {
            runningSubtasks++;
        } finally {
            lock.unlock();
        }
    }

    /** Called on the subtask's thread when its work is done: the loop delivers the outcome. */
    void subtaskEnded(Subtask<?> subtask, Runnable delivery) {
        lock.lock();
        try {
            queue.addLast(() -> {
                liveSubtasks.remove(subtask);
                delivery.run();
            });
            runningSubtasks--;
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosing() {
        State now = state;
        return now == State.CLOSING || now == State.STOPPED;
    }

    // ------------------------------------------------------------------ introspection

    /**
     * Returns the loop's name.
     *
     * @return the name given to the builder
     */
    public String name() {
        return name;
    }

    /**
     * Returns which subtask backend runs this loop's subtasks:
     * {@code "structured"} (StructuredTaskScope) or {@code "virtual"}.
     *
     * @return the backend's name, or empty before the loop runs
     */
    public Optional<String> backendName() {
        SubtaskBackend current = backend;
        return current == null ? Optional.empty() : Optional.of(current.name());
    }

    /**
     * Returns whether the calling thread is this loop's thread.
     *
     * @return true on the loop's thread while it runs
     */
    public boolean inLoopThread() {
        return Thread.currentThread() == thread && state != State.STOPPED;
    }

    /**
     * Returns whether the loop is running (started and not yet stopped).
     *
     * @return true between {@link #run()} and the start of shutdown
     */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Returns whether the loop has finished running.
     *
     * @return true once {@link #run()} has returned or is about to
     */
    public boolean isStopped() {
        return state == State.STOPPED;
    }

    /**
     * Returns whether the loop has nothing to do: no queued event, no pending
     * delayed call, no running subtask. Safe from any thread (a snapshot).
     *
     * @return true if idle
     */
    public boolean isIdle() {
        lock.lock();
        try {
            return idleLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean idleLocked() {
        return queue.isEmpty() && timers.isEmpty() && runningSubtasks == 0;
    }

    /**
     * Returns the number of subtasks (deferToThread work, inline bodies) still running.
     *
     * @return the count
     */
    public int runningSubtasks() {
        lock.lock();
        try {
            return runningSubtasks;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ unhandled failures

    void failedChainEnded(Deferred<?> deferred, Failure failure) {
        synchronized (failedChains) {
            failedChains.remove(deferred);
            failedChains.put(deferred, failure);
            if (failedChains.size() > maxTrackedFailures) {
                Iterator<Deferred<?>> eldest = failedChains.keySet().iterator();
                eldest.next();
                eldest.remove(); // still reported when collected
            }
        }
    }

    void failedChainHandled(Deferred<?> deferred) {
        synchronized (failedChains) {
            failedChains.remove(deferred);
        }
    }

    /**
     * Returns the failures at the end of this loop's Deferred chains that no
     * errback has handled yet, oldest first. A chain that gets an errback later
     * drops out of this list.
     *
     * @return a snapshot
     */
    public List<Failure> unhandledFailures() {
        synchronized (failedChains) {
            return List.copyOf(failedChains.values());
        }
    }

    /**
     * Returns whether any chain of this loop ended in an unhandled failure.
     *
     * @return true if {@link #unhandledFailures()} is not empty
     */
    public boolean hasUnhandledFailures() {
        synchronized (failedChains) {
            return !failedChains.isEmpty();
        }
    }

    /**
     * Returns the unhandled failures and takes responsibility for them: they
     * are forgotten here and will not be logged as "Unhandled error in
     * Deferred" when their Deferreds are collected. The web layer uses this to
     * turn a silently failed chain into an error page.
     *
     * @return the failures, oldest first
     */
    public List<Failure> takeUnhandledFailures() {
        synchronized (failedChains) {
            List<Failure> taken = List.copyOf(failedChains.values());
            failedChains.keySet().forEach(Deferred::markFailureReported);
            failedChains.clear();
            return taken;
        }
    }

    /**
     * Calls {@code fn} on {@code loop}'s thread and blocks the calling thread
     * until it returns, or until the Deferred it returns fires (Twisted's
     * {@code blockingCallFromThread}). The result is returned, or the exception
     * thrown, on the calling thread.
     *
     * @param fn the function; it may return a Deferred
     * @param <T> the result type
     * @return the result
     * @throws IllegalStateException if called on the loop's own thread, where it would deadlock
     */
    public <T> T blockingCallFromThread(Callable<?> fn) {
        if (inLoopThread()) {
            throw new IllegalStateException("blockingCallFromThread on the loop's own thread would deadlock");
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        callFromThread(() -> Deferreds.maybeDeferred(fn).addCallbacks(value -> {
            outcome.complete(value);
            return null;
        }, failure -> {
            outcome.completeExceptionally(failure.value());
            return null;
        }));
        try {
            @SuppressWarnings("unchecked")
            T value = (T) outcome.get();
            return value;
        } catch (ExecutionException e) {
            throw Failure.sneakyThrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledError("interrupted while waiting for " + name);
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + name + ", " + state + "]";
    }

    /** Configures an {@link EventLoop}. */
    public static final class Builder {
        private String name = "braid-loop";
        private Consumer<EventLoop> onIdle;
        private int maxTrackedFailures = DEFAULT_TRACKED_FAILURES;

        private Builder() {
        }

        /**
         * Names the loop (thread names, logs).
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets a function the loop calls on its own thread each time it becomes
         * {@link #isIdle() idle}, before it waits. The web layer uses it to report
         * unhandled failures of a request that is still open.
         *
         * @param onIdle the listener
         * @return this builder
         */
        public Builder onIdle(Consumer<EventLoop> onIdle) {
            this.onIdle = onIdle;
            return this;
        }

        /**
         * Caps how many failed chains the loop remembers for
         * {@link #unhandledFailures()} (default 1024), so a long-lived loop
         * cannot grow without bound; older ones are still logged when collected.
         *
         * @param max the cap, at least 1
         * @return this builder
         */
        public Builder maxTrackedFailures(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be >= 1");
            }
            this.maxTrackedFailures = max;
            return this;
        }

        /**
         * Builds the loop.
         *
         * @return a new loop, not yet running
         */
        public EventLoop build() {
            return new EventLoop(this);
        }
    }
}
