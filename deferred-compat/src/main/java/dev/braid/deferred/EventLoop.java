package dev.braid.deferred;

import dev.braid.deferred.internal.access.Accessors;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A queue of events drained by one thread: Twisted's reactor, one per request,
 * per connection, or per application.
 *
 * <p>{@link #run()} takes over the calling thread until {@link #stop()}: it runs
 * events posted with {@link #callFromThread}, calls scheduled with
 * {@link #callLater}, and the results of subtasks, one at a time (due calls and
 * posted events take turns, so neither starves the other). While it runs the
 * loop is {@link #current() current}: Deferreds created then belong to it and
 * run their callbacks on its thread, and {@link Threads#deferToThread
 * deferToThread} forks into its scope. Every method except {@code run} may be
 * called from any thread.
 *
 * <h2>Subtasks and structured concurrency</h2>
 * Each loop owns one {@code StructuredTaskScope} (or, without
 * {@code --enable-preview}, an equivalent set of virtual threads). Subtasks
 * run on fresh virtual threads in that scope; a failing subtask fails only its
 * own Deferred. When the loop ends, the scope is closed: unfinished subtasks
 * are interrupted, the loop waits until every one has ended, and the
 * Deferreds of interrupted work fail with {@link CancelledError}. A subtask
 * that ignores its interrupt is waited for at most
 * {@link Builder#subtaskGrace the grace} (10 s by default), then logged once
 * with its stack and left running, so that {@link #run()} returns.
 *
 * <h2>Idleness and unhandled failures</h2>
 * The loop is idle when no event is queued, no delayed call is pending and no
 * subtask is running. A loop can be told to call a listener each time it
 * becomes idle, and to remember which of its Deferreds ended their chain in a
 * Failure nobody handled; together they let the web layer answer a request
 * whose chain failed silently instead of leaving the browser waiting. These
 * are Braid's own machinery, reached through
 * {@code dev.braid.deferred.internal.LoopInternals}, not part of this API.
 *
 * <h2>Shutdown</h2>
 * {@code stop()} fires the {@code "shutdown"} system event: the
 * {@link Phase#BEFORE before} triggers run first and the loop keeps running
 * events and timers while it waits for the Deferreds they return (services
 * stopping), then the {@code DURING} and {@code AFTER} triggers run, and
 * {@code run()} returns after closing the scope. Delayed calls still pending
 * then are dropped; events posted while the scope closes still run. After
 * that, {@link #callFromThread} throws and Deferreds of this loop run their
 * callbacks on whichever thread fires them.
 *
 * <p>Inside, the loop is this reactor core (the queue, the timers, the run
 * of events) and package-private parts with one job each:
 * {@link LoopLifecycle} (the state machine, system events, the end),
 * {@link LoopBookkeeping} (idle listener and failed chains) and
 * {@link LoopSubtasks} (the scope and the subtasks' grace).
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

    static {
        Accessors.installLoopAccess(new LoopAccessor());
    }

    /** The three phases of a system event (Twisted's "before", "during", "after"). */
    public enum Phase {
        /** Runs first; a trigger may return a Deferred that the event waits for. */
        BEFORE,
        /** Runs once every BEFORE Deferred has fired. */
        DURING,
        /** Runs last. */
        AFTER
    }

    // A request's loop is created and run for every HTTP request, so everything a
    // loop may need but most loops never use (timers, system-event triggers,
    // subtasks and their scope, end hooks, components, bookkeeping) is made on first use
    // or only when asked for.
    private final String name;
    private final LoopLifecycle lifecycle = new LoopLifecycle(this);
    private final LoopBookkeeping bookkeeping;                             // null: none asked for

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>(8);        // guarded by lock
    private TimerQueue timers;                                             // guarded by lock; null until callLater
    private LoopTimers timerOwner;                                         // guarded by lock; made with timers
    private volatile LoopSubtasks subtasks;                                // made on the first fork
    private final Duration subtaskGrace;                                   // null: wait for subtasks forever
    private volatile ConcurrentHashMap<Class<?>, Object> components;       // made on first use
    private final double epochSeconds = System.currentTimeMillis() / 1000.0;
    private final long startNanos = System.nanoTime();
    private volatile Thread thread;

    private EventLoop(Builder builder) {
        this.name = builder.name;
        this.subtaskGrace = builder.subtaskGrace;
        boolean track = builder.trackFailures != null ? builder.trackFailures : builder.onIdle != null;
        this.bookkeeping = LoopBookkeeping.of(this, builder.onIdle, builder.onFirstWait, track,
                builder.maxTrackedFailures);
    }

    /** The owner of this loop's delayed calls: they share the loop's lock and wake it when moved. */
    private final class LoopTimers implements DelayedCall.Owner {
        @Override
        public double seconds() {
            return EventLoop.this.seconds();
        }

        @Override
        public void locked(Runnable action) {
            lock.lock();
            try {
                action.run();
                wakeup.signal();    // the next due time may have changed
            } finally {
                lock.unlock();
            }
        }

        @Override
        public TimerQueue timers() {
            return timers;
        }
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
     * Runs a new loop on the calling thread until the Deferred returned by
     * {@code main} fires, then returns its result or throws its exception
     * (Twisted's {@code task.react}, without the exit). For command-line
     * clients, scripts and tests.
     *
     * @param main called on the loop once it runs
     * @param <T> the result type
     * @return the Deferred's result
     * @throws CancelledError if something else stopped the loop before the Deferred fired
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
                if (loop.isRunning()) {
                    loop.stop();
                }
                return null;
            });
        });
        loop.run();
        if (!outcome.isDone()) {
            throw new CancelledError("loop " + loop.name + " stopped before main's Deferred fired");
        }
        try {
            return outcome.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw Failure.sneakyThrow(e.getCause());
        }
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs the loop on the calling thread until it is stopped: fires the
     * {@code "startup"} event first (so {@link #callWhenRunning} functions run
     * before anything posted earlier), then runs events until {@link #stop()}
     * has run the shutdown triggers, then closes the scope. Interrupting the
     * loop's thread stops it the same way; a second interrupt during shutdown
     * skips the rest of the shutdown triggers. A loop runs once.
     *
     * @throws IllegalStateException if the loop has already been run
     */
    public void run() {
        lock.lock();
        try {
            lifecycle.startLocked();
            thread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        ScopedValue.where(CURRENT, this).run(lifecycle::runAsCurrent);
    }

    /** Twisted's {@code mainLoop}: runs events and due calls until the lifecycle says they are over (loop thread). */
    void mainLoop() {
        boolean timersFirst = false;
        while (true) {
            Runnable next;
            lock.lock();
            try {
                if (lifecycle.exitRequested()) {
                    return;
                }
                timersFirst = !timersFirst; // alternate so neither source starves the other
                next = timersFirst ? dueTimer() : null;
                if (next == null) {
                    next = queue.pollFirst();
                }
                if (next == null) {
                    next = dueTimer();
                }
                if (next != null) {
                    if (bookkeeping != null) {
                        bookkeeping.workFound();
                    }
                } else if (bookkeeping == null || (next = bookkeeping.outOfWork()) == null) {
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
        if (timers == null) {
            return null;
        }
        DelayedCall due = timers.pollDue(seconds());
        return due == null ? null : due::run;
    }

    /** Waits (lock held) until an event is posted or the next timer is due. */
    private void waitForWork() {
        try {
            double next = timers == null ? Double.NaN : timers.nextTime();
            if (Double.isNaN(next)) {
                wakeup.await();
            } else {
                long nanos = (long) Math.ceil((next - seconds()) * 1e9);
                if (nanos > 0) {
                    wakeup.awaitNanos(nanos);
                }
            }
        } catch (InterruptedException e) {
            lifecycle.interruptedLocked();
        }
    }

    void runSafely(Runnable event) {
        try {
            event.run();
        } catch (Throwable error) {
            LOG.log(Level.SEVERE, "Unhandled error in " + name + " while running " + event
                    + "\n" + new Failure(error).getTraceback());
        }
    }

    /** Runs what is queued, outside the lock, until the queue is empty (while the loop closes). */
    void drainQueue() {
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

    ReentrantLock lock() {
        return lock;
    }

    boolean queueIsEmptyLocked() {
        return queue.isEmpty();
    }

    /** Queues {@code fn} after the events already queued and wakes the loop (lock held). */
    void postLocked(Runnable fn) {
        queue.addLast(fn);
        wakeup.signal();
    }

    /** Queues {@code fn} before the events already queued (lock held, before the loop waits). */
    void postFirstLocked(Runnable fn) {
        queue.addFirst(fn);
    }

    /**
     * Stops the loop: fires the shutdown event (waiting for the Deferreds of
     * its "before" triggers), then makes {@link #run()} return.
     *
     * @throws IllegalStateException if the loop is not running or already stopping
     *     (Twisted's {@code ReactorNotRunning})
     */
    public void stop() {
        lock.lock();
        try {
            lifecycle.stopLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code hook} once the loop has stopped (at once if it has); returns it for {@link #removeEndHook}. */
    Runnable addEndHook(Runnable hook) {
        return lifecycle.addEndHook(hook);
    }

    void removeEndHook(Runnable hook) {
        lifecycle.removeEndHook(hook);
    }

    // ------------------------------------------------------------------ posting

    /**
     * Runs {@code fn} on the loop's thread, after the events already queued
     * (Twisted's {@code callFromThread}). Safe from any thread, including the
     * loop's own (then it runs later, not now). Before {@link #run()} the event
     * waits for the loop to start; while the loop shuts down it still runs.
     *
     * @param fn what to run
     * @throws IllegalStateException if the loop has stopped
     */
    public void callFromThread(Runnable fn) {
        if (!tryExecute(fn)) {
            throw stopped();
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
            if (lifecycle.isStopped()) {
                return false;
            }
            postLocked(fn);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private IllegalStateException stopped() {
        return new IllegalStateException("loop " + name + " has stopped");
    }

    /**
     * Runs {@code fn} once the loop is running: at once if this is the loop's
     * thread and it already runs, otherwise right after start-up (before events
     * posted earlier) or, on a running loop, as the next event from this thread
     * (Twisted's {@code callWhenRunning}).
     *
     * @param fn what to run
     * @throws IllegalStateException if the loop has stopped
     */
    public void callWhenRunning(Runnable fn) {
        lock.lock();
        try {
            if (lifecycle.runAfterStartupLocked(fn)) {
                return;
            }
            if (!inLoopThread()) {
                if (lifecycle.isStopped()) {
                    throw stopped();
                }
                postLocked(fn);
                return;
            }
        } finally {
            lock.unlock();
        }
        fn.run();
    }

    // ------------------------------------------------------------------ time

    /** The wall-clock time when the loop was created, moved on by a monotonic clock. */
    @Override
    public double seconds() {
        return epochSeconds + (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Runs {@code fn} on the loop's thread after {@code delay} seconds. Safe from
     * any thread. An exception thrown by {@code fn} is logged. Calls still
     * pending when the loop stops never run.
     */
    @Override
    public DelayedCall callLater(double delay, Runnable fn) {
        TimerQueue.checkDelay(delay);
        lock.lock();
        try {
            if (timers == null) {
                timers = new TimerQueue();
                timerOwner = new LoopTimers();
            }
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
            return timers == null ? List.of() : timers.snapshot();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ system events

    /**
     * Adds a function to run when a system event fires (Twisted's
     * {@code addSystemEventTrigger}). The built-in events are {@code "startup"}
     * (fired by {@link #run()}) and {@code "shutdown"} (fired by {@link #stop()});
     * a {@link Phase#BEFORE} trigger may return a Deferred, and the event waits
     * for it before running the later phases. Each trigger runs once, on the
     * loop's thread; a trigger added to the phase being fired still runs in it.
     * An exception (or a failed Deferred) from a trigger is logged and does not
     * stop the event.
     *
     * @param phase when in the event to run
     * @param eventType the event's name
     * @param fn the trigger; its return value matters only if it is a Deferred
     * @return a handle for {@link #removeSystemEventTrigger}
     */
    public Object addSystemEventTrigger(Phase phase, String eventType, Callable<?> fn) {
        return lifecycle.addTrigger(phase, eventType, fn);
    }

    /**
     * Removes a trigger added with {@link #addSystemEventTrigger}.
     *
     * @param handle the value that method returned
     * @throws IllegalArgumentException if the trigger is unknown, removed, or has already run
     */
    public void removeSystemEventTrigger(Object handle) {
        lifecycle.removeTrigger(handle);
    }

    /**
     * Fires a system event: runs its BEFORE triggers, waits for the Deferreds
     * they returned, then runs its DURING and AFTER triggers. Call on the
     * loop's thread.
     *
     * @param eventType the event's name
     * @return a Deferred that fires when every phase has run
     */
    public Deferred<Void> fireSystemEvent(String eventType) {
        Deferred<Void> done = new Deferred<>(this, null);
        lifecycle.fireEvent(eventType, () -> done.callback(null));
        return done;
    }

    // ------------------------------------------------------------------ subtasks

    /** Forks {@code work} into this loop's scope (marshalled if needed); see {@link Threads#deferToThread}. */
    <T> Deferred<T> fork(Callable<? extends T> work, String caughtBy, InlineBody<?> body) {
        Subtask<T> subtask = new Subtask<>(this, work, caughtBy, body);
        if (inLoopThread()) {
            subtasks().forkNow(subtask, false);
        } else if (!tryExecute(() -> subtasks().forkNow(subtask, true))) {
            throw stopped();
        }
        return subtask.deferred;
    }

    LoopSubtasks subtasks() {
        LoopSubtasks current = subtasks;
        if (current == null) {
            current = new LoopSubtasks(this, subtaskGrace);   // only the loop's thread forks, so only it gets here
            subtasks = current;
        }
        return current;
    }

    /** Called on the subtask's thread when its work is done: the loop delivers the outcome. */
    void subtaskEnded(Subtask<?> subtask, Runnable delivery) {
        lock.lock();
        try {
            // Both in one step under the loop's lock: the loop never sees the subtask gone before its
            // delivery is queued (it would look idle), nor still running after the delivery ran (it
            // would wait, and nothing would wake it when the count dropped).
            queue.addLast(subtasks.delivery(subtask, delivery));
            subtasks.ended();
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The subtasks, or null if the loop never forked. */
    LoopSubtasks forkedSubtasks() {
        return subtasks;
    }

    boolean isClosing() {
        return lifecycle.isClosing();
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

    /** {@code "structured"} (StructuredTaskScope) or {@code "virtual"}; empty before the loop runs. */
    Optional<String> backendName() {
        if (lifecycle.state() == LoopLifecycle.State.NEW) {
            return Optional.empty();
        }
        LoopSubtasks forked = subtasks;
        return Optional.of(forked == null ? SubtaskBackend.chosenName() : forked.backendName());
    }

    /**
     * Returns whether the calling thread is this loop's thread.
     *
     * @return true on the loop's thread while it runs (shutdown included)
     */
    public boolean inLoopThread() {
        return Thread.currentThread() == thread && !lifecycle.isStopped();
    }

    /**
     * Returns whether the loop is running (started and not yet stopped).
     *
     * @return true between {@link #run()} and the start of shutdown
     */
    public boolean isRunning() {
        return lifecycle.state() == LoopLifecycle.State.RUNNING;
    }

    /**
     * Returns whether the loop has finished running.
     *
     * @return true once {@link #run()} has returned or is about to
     */
    public boolean isStopped() {
        return lifecycle.isStopped();
    }

    /** No queued event, no pending delayed call, no running subtask; safe from any thread (a snapshot). */
    boolean isIdle() {
        lock.lock();
        try {
            return isIdleLocked();
        } finally {
            lock.unlock();
        }
    }

    boolean isIdleLocked() {
        LoopSubtasks forked = subtasks;
        return queue.isEmpty() && (timers == null || timers.isEmpty()) && (forked == null || forked.running() == 0);
    }

    /**
     * Returns the number of subtasks (deferToThread work, inline bodies) forked
     * and not yet ended.
     *
     * @return the count
     */
    public int runningSubtasks() {
        LoopSubtasks forked = subtasks;
        return forked == null ? 0 : forked.running();
    }

    /** See {@code LoopInternals.component}: the loop's shared {@code Cooperator}, for example. */
    <C> C component(Class<C> key, Supplier<? extends C> create) {
        ConcurrentHashMap<Class<?>, Object> map = components;
        if (map == null) {
            lock.lock();
            try {
                map = components;
                if (map == null) {
                    map = new ConcurrentHashMap<>(4);
                    components = map;
                }
            } finally {
                lock.unlock();
            }
        }
        return key.cast(map.computeIfAbsent(key, ignored -> create.get()));
    }

    // ------------------------------------------------------------------ unhandled failures

    void failedChainEnded(Deferred<?> deferred, Failure failure) {
        if (bookkeeping != null) {
            bookkeeping.failedChainEnded(deferred, failure);
        }
    }

    void failedChainHandled(Deferred<?> deferred) {
        if (bookkeeping != null) {
            bookkeeping.failedChainHandled(deferred);
        }
    }

    /**
     * Returns the failures at the end of this loop's Deferred chains that no
     * errback has handled yet, oldest first; empty for a loop that does not
     * track them (see {@link Builder#trackUnhandledFailures}).
     */
    List<Failure> unhandledFailures() {
        return bookkeeping == null ? List.of() : bookkeeping.unhandledFailures();
    }

    boolean hasUnhandledFailures() {
        return bookkeeping != null && bookkeeping.hasUnhandledFailures();
    }

    /** Returns the unhandled failures and takes them over: they are not logged when collected. */
    List<Failure> takeUnhandledFailures() {
        return bookkeeping == null ? List.of() : bookkeeping.takeUnhandledFailures();
    }

    /**
     * Describes the loop: {@code EventLoop[NAME, STATE]} before it runs, then
     * {@code EventLoop[NAME, STATE, BACKEND subtasks]} where BACKEND is
     * {@code structured} (StructuredTaskScope) or {@code virtual} (plain
     * virtual threads, without {@code --enable-preview}).
     *
     * @return the description
     */
    @Override
    public String toString() {
        Optional<String> backend = backendName();
        return "EventLoop[" + name + ", " + lifecycle.state() + (backend.isEmpty() ? "" : ", " + backend.get() + " subtasks") + "]";
    }

    /** Configures an {@link EventLoop}. */
    public static final class Builder {
        private String name = "braid-loop";
        private Consumer<? super EventLoop> onIdle;
        private Runnable onFirstWait;
        private Boolean trackFailures;
        private int maxTrackedFailures = DEFAULT_TRACKED_FAILURES;
        private Duration subtaskGrace = LoopSubtasks.defaultGrace();

        private Builder() {
        }

        /**
         * Sets how long the loop's end waits for subtasks that ignore their
         * interrupt (or spin): 10 seconds unless the system property
         * {@code braid.subtasks.grace} gives other seconds. A subtask still
         * running after that is logged once, with its stack, and left running
         * on its own: its Deferred has failed with {@link CancelledError} and
         * its late result is dropped; {@link #run()} returns.
         *
         * @param grace how long to wait, zero or more
         * @return this builder
         */
        public Builder subtaskGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative: " + grace);
            }
            this.subtaskGrace = grace;
            return this;
        }

        /**
         * Makes the loop's end wait for its subtasks as long as they take
         * ({@code -Dbraid.subtasks.grace=forever} for every loop). With
         * StructuredTaskScope, each subtask then runs in the scope itself and
         * inherits every {@code ScopedValue} bound around {@link #run()}.
         *
         * @return this builder
         */
        public Builder subtaskGraceForever() {
            this.subtaskGrace = null;
            return this;
        }

        /**
         * Names the loop (thread names, logs).
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = java.util.Objects.requireNonNull(name);
            return this;
        }

        /** See {@code LoopInternals.onIdle}: the web layer reports a silently failed chain with it. */
        Builder onIdle(Consumer<? super EventLoop> onIdle) {
            this.onIdle = onIdle;
            return this;
        }

        /** See {@code LoopInternals.onFirstWait}: the web layer watches a waiting client's connection. */
        Builder onFirstWait(Runnable onFirstWait) {
            this.onFirstWait = onFirstWait;
            return this;
        }

        /** See {@code LoopInternals.trackUnhandledFailures}: off by default without an idle listener. */
        Builder trackUnhandledFailures(boolean track) {
            this.trackFailures = track;
            return this;
        }

        /** See {@code LoopInternals.maxTrackedFailures}: 1024 by default. */
        Builder maxTrackedFailures(int max) {
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
