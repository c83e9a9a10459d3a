package dev.braid.deferred;

import dev.braid.deferred.internal.access.Accessors;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A result that is not there yet, and the chain of functions that will process
 * it: Twisted's {@code twisted.internet.defer.Deferred}, with the same
 * observable behaviour (the conformance test replays Twisted's own traces).
 *
 * <h2>The chain</h2>
 * A Deferred holds a list of (callback, errback) pairs. When it fires, each pair
 * in turn receives the current result: the callback if the result is a value,
 * the errback if it is a {@link Failure}. What the function returns becomes the
 * next result; a thrown exception (or a returned {@code Failure}) puts the
 * chain on the errback side, and an errback that returns a value puts it back
 * on the callback side. The errback in the same pair as a throwing callback
 * does not see that exception; the next pair does. Adding a pair to a Deferred
 * that has already fired runs it at once, before the add method returns.
 *
 * <h2>Chaining</h2>
 * A callback that returns another Deferred pauses this chain until that one
 * fires; this chain then carries on with its result, and the inner Deferred's
 * result becomes {@code null}. An inner Deferred that already has a result is
 * taken over at once. Chains of any depth run without growing the stack.
 *
 * <h2>Threads and loops</h2>
 * A Deferred created while an {@link EventLoop} is current belongs to that loop:
 * {@link #callback}, {@link #errback}, the {@code add*} methods,
 * {@link #pause}, {@link #unpause} and {@link #cancel} called from any other
 * thread are handed to the loop with {@link EventLoop#callFromThread}, so the
 * chain's functions always run on the loop's thread, one at a time. A second
 * {@code callback} still raises {@link AlreadyCalledError} at its caller. Once
 * the loop has stopped, everything runs on the calling thread.
 *
 * <p>A Deferred created outside any loop has no thread of its own, as
 * Twisted's Deferreds without a reactor: its callbacks run on the thread that
 * fires it, or on the thread that adds them to a Deferred that has already
 * fired. It may be shared between threads, and its chain still runs one
 * callback at a time: a thread that finds another thread operating on the same
 * Deferred (adding a callback while it fires, say) hands its operation over
 * and returns at once, and the other thread runs it right after its own.
 * Nothing ever blocks: chains never wait for each other, and a chain that
 * crosses Deferreds (a callback returning another Deferred) continues on
 * whichever thread completes the inner one.
 *
 * <h2>Where Java differs from Twisted</h2>
 * <ul>
 *   <li>Types: {@link #addCallback} returns this same Deferred typed by the
 *       callback's result. A callback that returns a Deferred should be added
 *       with {@link #addCallbackDeferred} so that the types stay right; the
 *       behaviour is identical either way.</li>
 *   <li>Extra arguments: one, through {@link Callback2}; lambdas capture the
 *       rest.</li>
 *   <li>{@code callback(aDeferred)} throws {@link IllegalArgumentException}
 *       (Twisted 22.4 fails an {@code assert}).</li>
 *   <li>A callback returning the Deferred it is attached to stalls the chain,
 *       as in Twisted, and logs a warning; {@link #cancel()} on it (or on
 *       two Deferreds waiting on each other) throws
 *       {@link DeferredCycleError} where Twisted runs out of stack.</li>
 * </ul>
 *
 * <pre>{@code
 * Deferred<String> d = Threads.deferToThread(() -> fetchPage(url));
 * d.addCallback(String::length)
 *  .addCallback(n -> { System.out.println(n + " bytes"); return null; })
 *  .addErrback(f -> { f.printTraceback(); return null; });
 * }</pre>
 *
 * @param <T> the type of the result the next callback will receive
 */
public final class Deferred<T> {
    private static final Logger LOG = Logger.getLogger(Deferred.class.getName());
    private static final Object NO_RESULT = new Object();
    private static volatile boolean debugging;

    /** A (callback, errback) pair; a null half passes the result through. */
    private record Pair(Callback<Object, Object> callback, Callback<Object, Object> errback) {
    }

    /** Twisted's continuation marker: hand our result to the Deferred waiting on us. */
    private record Continuation(Deferred<?> waiting) {
    }

    private static final VarHandle RUNNER;
    private static final VarHandle HANDED_OVER;
    private static final VarHandle FIRING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUNNER = lookup.findVarHandle(Deferred.class, "runner", Thread.class);
            HANDED_OVER = lookup.findVarHandle(Deferred.class, "handedOver", ConcurrentLinkedQueue.class);
            FIRING = lookup.findVarHandle(Deferred.class, "firing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Accessors.installDeferredAccess(new DeferredAccessor());
    }

    private ArrayDeque<Object> callbacks;           // made when the first pair has to wait
    private final Canceller<T> canceller;
    private final boolean cancellerDecides;
    private final EventLoop loop;
    private final String creator;

    private Object result = NO_RESULT;
    private volatile boolean called;            // set once the result is in place
    private volatile boolean firing;            // claimed by the one call that fires
    private int paused;
    private boolean runningCallbacks;
    private boolean suppressAlreadyCalled;
    private UnhandledErrors.Report unhandled;
    private String invoker;

    // The serial context of a Deferred of no loop: the thread running its operations, and the
    // operations other threads handed over meanwhile (made on the first contention).
    private volatile Thread runner;
    private volatile ConcurrentLinkedQueue<Runnable> handedOver;

    /** Creates an unfired Deferred without a canceller, owned by the current loop if any. */
    public Deferred() {
        this(null);
    }

    /**
     * Creates an unfired Deferred owned by the current loop if any.
     *
     * @param canceller called by {@link #cancel()} while this Deferred is
     *     unfired; may be null
     */
    public Deferred(Canceller<T> canceller) {
        this(EventLoop.currentOrNull(), canceller);
    }

    /** Creates a Deferred owned by {@code owner} (null: no loop), whoever is current. */
    Deferred(EventLoop owner, Canceller<T> canceller) {
        this(owner, canceller, false);
    }

    /**
     * Creates a Deferred whose canceller, if {@code cancellerDecides}, replaces
     * {@link #cancel()} entirely: no CancelledError follows when it leaves the
     * Deferred unfired (Twisted's DeferredList overrides cancel this way).
     */
    Deferred(EventLoop owner, Canceller<T> canceller, boolean cancellerDecides) {
        this.canceller = canceller;
        this.cancellerDecides = cancellerDecides;
        this.loop = owner;
        this.creator = debugging ? stackHere() : null;
    }

    // ------------------------------------------------------------------ adding

    /**
     * Adds a (callback, errback) pair (Twisted's {@code addCallbacks}). If this
     * Deferred has already fired and is not paused, the pair runs before this
     * method returns (on a foreign thread of a loop-owned Deferred: on the loop,
     * soon after).
     *
     * @param callback receives a value; null passes it through
     * @param errback receives a {@link Failure}; it may return a value of the
     *     chain's type to recover, a Failure (or throw) to keep failing, or a
     *     Deferred to wait on; null passes the failure through
     * @param <R> the type of the callback's result
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public <R> Deferred<R> addCallbacks(Callback<? super T, ? extends R> callback,
                                        Callback<? super Failure, ?> errback) {
        Callback<Object, Object> onValue = (Callback<Object, Object>) callback;
        Callback<Object, Object> onFailure = (Callback<Object, Object>) errback;
        if (loop == null) {
            Thread me = Thread.currentThread();
            if (runner == me) {
                add(onValue, onFailure);
            } else if (tryEnter(me)) {
                try {
                    add(onValue, onFailure);
                } finally {
                    exit(me);
                }
            } else {
                handOver(() -> add(onValue, onFailure));
            }
        } else if (!onLoop(() -> add(onValue, onFailure))) {
            add(onValue, onFailure);
        }
        return (Deferred<R>) this;
    }

    /**
     * Adds a callback with a pass-through errback (Twisted's {@code addCallback}).
     *
     * @param callback receives the current value
     * @param <R> the callback's result type
     * @return this Deferred
     */
    public <R> Deferred<R> addCallback(Callback<? super T, ? extends R> callback) {
        return addCallbacks(callback, null);
    }

    /**
     * Adds a callback that receives one extra argument after the result.
     *
     * @param callback receives the current value and {@code arg}
     * @param arg the extra argument
     * @param <A> the argument's type
     * @param <R> the callback's result type
     * @return this Deferred
     */
    public <A, R> Deferred<R> addCallback(Callback2<? super T, ? super A, ? extends R> callback, A arg) {
        return addCallbacks(result -> callback.call(result, arg), null);
    }

    /**
     * Adds a callback that returns another Deferred; this chain waits for it
     * and continues with its result. At run time this is exactly
     * {@link #addCallback}; the separate name keeps the result type right.
     *
     * @param callback returns the Deferred to wait on
     * @param <R> the inner Deferred's result type
     * @return this Deferred
     */
    public <R> Deferred<R> addCallbackDeferred(Callback<? super T, ? extends Deferred<? extends R>> callback) {
        @SuppressWarnings("unchecked")
        Callback<? super T, ? extends R> untyped = (Callback<? super T, ? extends R>) (Callback<?, ?>) callback;
        return addCallbacks(untyped, null);
    }

    /**
     * Adds an errback with a pass-through callback (Twisted's
     * {@code addErrback}). The errback may return a value of the chain's type to
     * recover, return the Failure (or throw) to keep failing, or return a
     * Deferred to wait on.
     *
     * @param errback receives the {@link Failure}
     * @return this Deferred
     */
    public Deferred<T> addErrback(Callback<? super Failure, ?> errback) {
        return addCallbacks(null, errback);
    }

    /**
     * Adds an errback that receives one extra argument after the failure.
     *
     * @param errback receives the failure and {@code arg}
     * @param arg the extra argument
     * @param <A> the argument's type
     * @return this Deferred
     */
    public <A> Deferred<T> addErrback(Callback2<? super Failure, ? super A, ?> errback, A arg) {
        return addCallbacks(null, failure -> errback.call(failure, arg));
    }

    /**
     * Adds the same function as both callback and errback (Twisted's
     * {@code addBoth}); it receives either a value or a {@link Failure}.
     *
     * @param both the function
     * @param <R> its result type
     * @return this Deferred
     */
    public <R> Deferred<R> addBoth(Callback<Object, ? extends R> both) {
        return addCallbacks(both, both);
    }

    /**
     * Adds the same function, with one extra argument, as both callback and errback.
     *
     * @param both the function
     * @param arg the extra argument
     * @param <A> the argument's type
     * @param <R> its result type
     * @return this Deferred
     */
    public <A, R> Deferred<R> addBoth(Callback2<Object, ? super A, ? extends R> both, A arg) {
        Callback<Object, R> withArg = result -> both.call(result, arg);
        return addCallbacks(withArg, withArg);
    }

    /**
     * Fires {@code other} with this chain's result (Twisted's
     * {@code chainDeferred}: {@code addCallbacks(other.callback, other.errback)}).
     * This chain's result becomes {@code null} afterwards.
     *
     * @param other the Deferred to fire
     * @return this Deferred
     */
    public Deferred<Void> chainDeferred(Deferred<? super T> other) {
        return addCallbacks(value -> {
            other.fire(value);
            return null;
        }, failure -> {
            other.fire(failure);
            return null;
        });
    }

    /**
     * Adds a pair in this Deferred's context. A fired Deferred with nothing
     * queued runs the function at once, without queueing a pair (the common
     * case of callbacks added to an already fired Deferred).
     */
    private void add(Callback<Object, Object> onValue, Callback<Object, Object> onFailure) {
        if (called && paused == 0 && !runningCallbacks && (callbacks == null || callbacks.isEmpty())
                && !(result instanceof Deferred)) {
            Callback<Object, Object> fn = result instanceof Failure ? onFailure : onValue;
            if (fn != null) {
                call(fn);
                runCallbacks(true);
            }
            return;
        }
        callbacks().addLast(new Pair(onValue, onFailure));
        if (called) {
            runCallbacks(false);
        }
    }

    private ArrayDeque<Object> callbacks() {
        if (callbacks == null) {
            callbacks = new ArrayDeque<>(4);
        }
        return callbacks;
    }

    /** Calls one function of the chain with the current result, which its return value (or exception) replaces. */
    private void call(Callback<Object, Object> fn) {
        runningCallbacks = true;
        try {
            result = fn.call(result);
            if (result == this) {
                LOG.log(Level.WARNING, "Callback returned the Deferred it was attached to;"
                        + " this breaks the callback chain and will stall it: " + fn);
            }
        } catch (Throwable thrown) {
            result = new Failure(thrown);
        } finally {
            runningCallbacks = false;
        }
    }

    // ------------------------------------------------------------------ firing

    /**
     * Fires the chain with a result (Twisted's {@code callback}). A
     * {@link Failure} given here behaves exactly like {@link #errback(Failure)}.
     *
     * @param result the result
     * @throws AlreadyCalledError if this Deferred has already fired (except the
     *     first call after a {@link #cancel()} without canceller, which is
     *     silently ignored)
     * @throws IllegalArgumentException if {@code result} is a Deferred
     */
    public void callback(T result) {
        fire(result);
    }

    /**
     * Fires the chain's errback side with an exception, wrapped in a
     * {@link Failure}.
     *
     * @param error the exception
     * @throws AlreadyCalledError if this Deferred has already fired
     */
    public void errback(Throwable error) {
        fire(new Failure(error));
    }

    /**
     * Fires the chain's errback side with a Failure.
     *
     * @param failure the failure
     * @throws AlreadyCalledError if this Deferred has already fired
     */
    public void errback(Failure failure) {
        fire(failure);
    }

    void fire(Object value) {
        if (value instanceof Deferred) {
            throw new IllegalArgumentException("a Deferred cannot be fired with another Deferred; "
                    + "return it from a callback to chain them");
        }
        if (!claimFiring()) {
            synchronized (this) {
                if (suppressAlreadyCalled) {
                    suppressAlreadyCalled = false;
                    return;
                }
            }
            throw alreadyCalled();
        }
        setResult(value);
        startCallbacks();
    }

    /** Whether this call is the one that fires this Deferred (one atomic step; the loser learns at once). */
    private boolean claimFiring() {
        return !called && FIRING.compareAndSet(this, false, true);
    }

    /**
     * Fires with {@code value} unless this Deferred has already fired, and
     * says whether it did. For hand-overs that may race with a cancel on the
     * owning loop (DeferredLock, DeferredQueue): the loser moves on instead of
     * raising AlreadyCalledError.
     */
    boolean tryFire(Object value) {
        if (!claimFiring()) {
            return false;
        }
        setResult(value);
        startCallbacks();
        return true;
    }

    private void setResult(Object value) {
        result = value;
        if (debugging) {
            invoker = stackHere();
        }
        called = true;
    }

    private void startCallbacks() {
        if (loop == null) {
            Thread me = Thread.currentThread();
            if (runner == me) {
                runCallbacks();
            } else if (tryEnter(me)) {
                try {
                    runCallbacks();
                } finally {
                    exit(me);
                }
            } else {
                handOver(this::runCallbacks);
            }
        } else if (!onLoop(this::runCallbacks)) {
            runCallbacks();
        }
    }

    private AlreadyCalledError alreadyCalled() {
        if (!debugging) {
            return new AlreadyCalledError();
        }
        StringBuilder message = new StringBuilder("\n");
        if (creator != null) {
            message.append(" C: Deferred was created:\n C:").append(creator.replace("\n", "\n C:")).append('\n');
        }
        if (invoker != null) {
            message.append(" I: First Invoker was:\n I:").append(invoker.replace("\n", "\n I:")).append('\n');
        }
        return new AlreadyCalledError(message.toString());
    }

    // ------------------------------------------------------------------ pause, cancel

    /**
     * Stops running callbacks until a matching {@link #unpause()}. Calls nest:
     * each pause needs its own unpause. A result that arrives meanwhile is kept.
     */
    public void pause() {
        if (!onLoop(this::pause)) {
            paused++;
        }
    }

    /**
     * Undoes one {@link #pause()}; when none is left and this Deferred has
     * fired, the pending callbacks run. As in Twisted, unpausing a Deferred that
     * is not paused makes the counter negative, without an error, and callbacks
     * are held whenever the counter is not zero: below zero too, until a
     * {@code pause()} brings it back (the next add or unpause then runs them).
     * Unpausing a Deferred that waits on one returned by its callbacks hands
     * the next callback that inner Deferred as its argument, as Twisted does.
     */
    public void unpause() {
        if (onLoop(this::unpause)) {
            return;
        }
        paused--;
        if (paused == 0 && called) {
            runCallbacks(false);
        }
    }

    /**
     * Cancels the work behind this Deferred (Twisted's {@code cancel}).
     * <ul>
     *   <li>Unfired, with a canceller: the canceller runs; if it did not fire
     *       this Deferred, it errbacks with {@link CancelledError}.</li>
     *   <li>Unfired, without a canceller: errbacks with {@link CancelledError}
     *       and silently ignores the <em>first</em> later
     *       {@code callback}/{@code errback} from the original producer.</li>
     *   <li>Waiting on a Deferred returned by one of its callbacks: cancels that
     *       one instead; its failure then flows into this chain.</li>
     *   <li>Fired with a plain result: does nothing.</li>
     * </ul>
     *
     * @throws DeferredCycleError if this Deferred waits, directly or through
     *     others, on a Deferred that waits on it again (a callback returned
     *     its own Deferred, or two wait on each other): nothing is cancelled
     *     (Twisted raises RecursionError). Thrown inside a callback, it becomes
     *     that chain's Failure like any exception.
     */
    public void cancel() {
        if (onLoop(this::cancel)) {
            return;
        }
        if (!called) {
            if (canceller != null) {
                canceller.cancel(this);
                if (!cancellerDecides) {
                    tryFire(new Failure(new CancelledError())); // a producer on another thread may have won
                }
            } else {
                synchronized (this) {
                    suppressAlreadyCalled = true;
                }
                if (!called) {
                    errback(new Failure(new CancelledError()));
                }
            }
        } else if (result instanceof Deferred<?>) {
            cancelWaitedOn();
        }
    }

    /**
     * Cancels the innermost Deferred this one waits on (through others that
     * wait in turn), walking the chain instead of recursing as Twisted does, so
     * that no depth runs out of stack. A Deferred of another loop is cancelled
     * through its loop, which walks on from there. A chain that comes round
     * again would make Twisted recurse until RecursionError, with nothing
     * changed: here nothing changes either, and DeferredCycleError is thrown.
     */
    private void cancelWaitedOn() {
        Set<Deferred<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deferred<?> otherLoop = null;
        Deferred<?> at = this;
        while (at.called && at.result instanceof Deferred<?> next) {
            if (!seen.add(at)) {
                throw new DeferredCycleError();
            }
            if (otherLoop == null && next.loop != loop) {
                otherLoop = next;
            }
            at = next;
        }
        Deferred<?> target = otherLoop != null ? otherLoop : at;
        if (target != this) {
            target.cancel();
        }
    }

    /**
     * Cancels this Deferred if it has not fired after {@code timeout} seconds
     * on {@code clock}, turning the resulting {@link CancelledError} into a
     * {@link TimeoutError} (Twisted's {@code addTimeout}). Only callbacks added
     * before this call see the CancelledError. If the Deferred fires first, or
     * is cancelled by hand, the pending timer is cancelled. A canceller that
     * supplies a value wins over the timeout.
     *
     * @param timeout seconds
     * @param clock the time source: an {@link EventLoop} or a {@link Clock}
     * @return this Deferred
     */
    public Deferred<T> addTimeout(double timeout, ReactorTime clock) {
        return addTimeout(timeout, clock, (value, seconds) -> {
            if (value instanceof Failure failure) {
                failure.trap(CancelledError.class);
                throw new TimeoutError(seconds);
            }
            return value;
        });
    }

    /**
     * Like {@link #addTimeout(double, ReactorTime)}, but on timeout the current
     * result (usually the CancelledError Failure) and the timeout go to
     * {@code onTimeoutCancel}, whose return value replaces it.
     *
     * @param timeout seconds
     * @param clock the time source
     * @param onTimeoutCancel translates the cancellation
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public Deferred<T> addTimeout(double timeout, ReactorTime clock,
                                  Callback2<Object, Double, Object> onTimeoutCancel) {
        boolean[] timedOut = {false};
        DelayedCall timer = clock.callLater(timeout, () -> {
            timedOut[0] = true;
            cancel();
        });
        addBoth(value -> timedOut[0] ? onTimeoutCancel.call(value, timeout) : value);
        addBoth(value -> {
            if (timer.active()) {
                timer.cancel();
            }
            return value;
        });
        return this;
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs the pending pairs of this Deferred and of every Deferred waiting on
     * it, iteratively (Twisted's {@code _runCallbacks}), so deep chains do not
     * grow the stack. The caller is in this Deferred's context; the context of
     * each other Deferred of no loop that the chain reaches is taken on the way
     * (and given back at the end), or, when another thread holds it, the work
     * for that Deferred is handed to that thread.
     */
    private void runCallbacks() {
        runCallbacks(false);
    }

    /**
     * @param resultJustReturned this Deferred's result was just returned by one
     *     of its callbacks (run outside the loop below): check it for a Deferred first
     */
    private void runCallbacks(boolean resultJustReturned) {
        if (runningCallbacks) {
            return; // a callback added pairs to its own Deferred: the outer loop runs them
        }
        Deferred<?> current = this;
        boolean checkResult = resultJustReturned;
        ArrayList<Deferred<?>> waiters = null;  // the chain below `current`: each waits for the one after it
        ArrayList<Deferred<?>> entered = null;  // contexts of other Deferreds of no loop taken by this call
        try {
            while (true) {
                if (current.paused != 0) {
                    return; // this chain waits for an unpause (below zero too, as in Twisted)
                }
                boolean finished = true;
                while (true) {
                    if (checkResult) {
                        checkResult = false;
                        if (current.result instanceof Deferred<?> inner) {
                            int outcome = current.waitOn(inner);
                            if ((outcome & CONTEXT_TAKEN) != 0) {
                                entered = remember(entered, inner);
                            }
                            if ((outcome & PAUSED) != 0) {
                                break;
                            }
                        }
                    }
                    ArrayDeque<Object> queue = current.callbacks;
                    if (queue == null || queue.isEmpty()) {
                        break;
                    }
                    Object item = queue.pollFirst();
                    if (item instanceof Continuation(Deferred<?> waiting)) {
                        // Give the waiting Deferred our result and forget it ourselves.
                        Object handed = current.result;
                        current.result = null;
                        current.clearUnhandled();
                        int context = waiting.takeContext();
                        if (context == BUSY) {
                            waiting.handOver(() -> waiting.resumeHere(handed));
                            continue;
                        }
                        if (context == TAKEN) {
                            entered = remember(entered, waiting);
                        }
                        waiting.result = handed;
                        waiting.paused--;
                        if (waiters == null) {
                            waiters = new ArrayList<>(2);
                        }
                        waiters.add(current);
                        current = waiting;
                        finished = false; // come back to the Deferred we left once `waiting` is done
                        break;
                    }
                    Pair pair = (Pair) item;
                    Callback<Object, Object> fn = current.result instanceof Failure ? pair.errback : pair.callback;
                    if (fn == null) {
                        // A Deferred result left by an unmatched unpause while waiting: like Twisted's
                        // passthru, the pass-through half hands it on, and the chain waits on it again.
                        checkResult = current.result instanceof Deferred;
                        continue; // pass-through half
                    }
                    current.call(fn);
                    checkResult = true;
                }
                if (finished) {
                    if (current.result instanceof Failure failure) {
                        current.trackUnhandled(failure);
                    } else {
                        current.clearUnhandled();
                    }
                    if (waiters == null || waiters.isEmpty()) {
                        return;
                    }
                    current = waiters.removeLast();
                }
            }
        } finally {
            if (entered != null) {
                Thread me = Thread.currentThread();
                for (int i = entered.size() - 1; i >= 0; i--) {
                    entered.get(i).exit(me);
                }
            }
        }
    }

    private static ArrayList<Deferred<?>> remember(ArrayList<Deferred<?>> entered, Deferred<?> taken) {
        ArrayList<Deferred<?>> list = entered == null ? new ArrayList<>(2) : entered;
        list.add(taken);
        return list;
    }

    /** {@link #waitOn} paused this chain. */
    private static final int PAUSED = 1;
    /** {@link #waitOn} took the inner Deferred's context: the caller gives it back. */
    private static final int CONTEXT_TAKEN = 2;

    /**
     * A callback of this Deferred returned {@code inner}: takes its result at
     * once if it has one, else pauses this chain until it fires.
     *
     * @return {@link #PAUSED} and {@link #CONTEXT_TAKEN} as they happened
     */
    private int waitOn(Deferred<?> inner) {
        if (inner.loop != loop) {
            // The inner chain runs on another thread: wait for it through its own loop.
            paused++;
            waitForForeign(inner);
            return PAUSED;
        }
        int context = inner.takeContext();
        if (context == BUSY) {
            // Another thread is operating on the inner Deferred: wait for it through its context.
            paused++;
            waitForForeign(inner);
            return PAUSED;
        }
        int taken = context == TAKEN ? CONTEXT_TAKEN : 0;
        Object innerResult = inner.result;
        if (innerResult == NO_RESULT || innerResult instanceof Deferred || inner.paused != 0 || !inner.called) {
            // The inner Deferred has no result yet: pause and wait for it.
            paused++;
            inner.callbacks().addLast(new Continuation(this));
            return PAUSED | taken;
        }
        // It already has one: take it over. Nothing of this chain is left in the inner Deferred, so its
        // context can go back at once (what was handed to it meanwhile runs now, on a null result).
        inner.result = null;
        inner.clearUnhandled();
        result = innerResult;
        if (taken != 0) {
            inner.exit(Thread.currentThread());
        }
        return 0;
    }

    /** Carries on with a result handed over from the Deferred this one waited on, in this one's context. */
    private void resumeHere(Object innerResult) {
        result = innerResult;
        paused--;
        runCallbacks(false);
    }

    // ------------------------------------------------------------------ the context of a Deferred of no loop

    private static final int OURS = 0;
    private static final int TAKEN = 1;
    private static final int BUSY = 2;

    /**
     * For the chain-crossing steps of {@link #runCallbacks}: whether the calling
     * thread may touch this Deferred's chain. A Deferred of a loop is touched on
     * its loop's thread, where the chain already runs.
     *
     * @return OURS (this thread already has it, or the Deferred belongs to a loop),
     *     TAKEN (taken now: give it back with {@link #exit}), or BUSY
     */
    private int takeContext() {
        if (loop != null) {
            return OURS;
        }
        Thread me = Thread.currentThread();
        if (runner == me) {
            return OURS;
        }
        return tryEnter(me) ? TAKEN : BUSY;
    }

    private boolean tryEnter(Thread me) {
        return runner == null && RUNNER.compareAndSet(this, null, me);
    }

    /** Runs what other threads handed over, then gives the context back (taking it again if more arrived). */
    private void exit(Thread me) {
        do {
            ConcurrentLinkedQueue<Runnable> pending = handedOver;
            if (pending != null) {
                for (Runnable next = pending.poll(); next != null; next = pending.poll()) {
                    try {
                        next.run();
                    } catch (RuntimeException | Error e) {
                        LOG.log(Level.SEVERE, "Error in a Deferred operation handed over by another"
                                + " thread", e);
                    }
                }
            }
            runner = null;
        } while (handedOver != null && !handedOver.isEmpty() && tryEnter(me));
    }

    /** Gives {@code action} to the thread in this Deferred's context, or runs it if that thread just left. */
    private void handOver(Runnable action) {
        ConcurrentLinkedQueue<Runnable> pending = handedOver;
        if (pending == null) {
            HANDED_OVER.compareAndSet(this, null, new ConcurrentLinkedQueue<Runnable>());
            pending = handedOver;
        }
        pending.add(action);
        Thread me = Thread.currentThread();
        if (tryEnter(me)) {
            exit(me); // the thread in the context left before it could see our operation
        }
    }

    /**
     * Waits for a Deferred of another loop without touching its chain from this
     * thread: a pair added through its own loop hands the result back to ours.
     */
    private void waitForForeign(Deferred<?> inner) {
        inner.addCallbacks(value -> {
            resumeWith(value);
            return null;
        }, failure -> {
            resumeWith(failure);
            return null;
        });
    }

    private void resumeWith(Object innerResult) {
        if (!onLoop(() -> resumeHere(innerResult))) {
            resumeHere(innerResult);
        }
    }

    private void trackUnhandled(Failure failure) {
        if (unhandled == null) {
            unhandled = UnhandledErrors.watch(this);
        }
        unhandled.failure = failure;
        if (loop != null) {
            loop.failedChainEnded(this, failure);
        }
    }

    private void clearUnhandled() {
        if (unhandled != null && unhandled.failure != null) {
            unhandled.failure = null;
            if (loop != null) {
                loop.failedChainHandled(this);
            }
        }
    }

    /** Marks the failure at the end of this chain as reported elsewhere (by the loop's owner). */
    void markFailureReported() {
        if (unhandled != null) {
            unhandled.failure = null;
        }
    }

    /**
     * Runs {@code action} in this Deferred's serial context unless the caller
     * is already in it: on the owning loop if this call is on another thread
     * and the loop still takes events; for a Deferred of no loop, in its own
     * context (now, or by the thread in it).
     *
     * @return true if the action was run or handed over; false if the caller
     *     must run it itself
     */
    private boolean onLoop(Runnable action) {
        EventLoop owner = loop;
        if (owner == null) {
            Thread me = Thread.currentThread();
            if (runner == me) {
                return false;
            }
            if (tryEnter(me)) {
                try {
                    action.run();
                } finally {
                    exit(me);
                }
            } else {
                handOver(action);
            }
            return true;
        }
        return !owner.inLoopThread() && owner.tryExecute(action);
    }

    /**
     * Runs {@code action} in this Deferred's serial context: at once when the
     * caller is in it, else handed over (for bookkeeping that a callback of a
     * Deferred of another loop or thread must do on this one's side).
     */
    void runInContext(Runnable action) {
        if (!onLoop(action)) {
            action.run();
        }
    }

    // ------------------------------------------------------------------ inspection

    /**
     * Returns whether this Deferred has been fired (Twisted's {@code called}).
     *
     * @return true once {@code callback} or {@code errback} has been called
     */
    public boolean called() {
        return called;
    }

    /**
     * Returns the pause counter (Twisted's {@code paused}), including the one
     * added while waiting on a Deferred returned by a callback.
     *
     * @return the counter; negative after an unmatched unpause
     */
    int pausedCount() {
        return paused;
    }

    /**
     * Returns how many (callback, errback) pairs are still queued, counting the
     * ones Braid adds itself (DeferredList bookkeeping, chaining continuations),
     * like {@code len(d.callbacks)} in Twisted.
     *
     * @return the number of queued pairs
     */
    int pendingCallbackCount() {
        ArrayDeque<Object> queue = callbacks;
        return queue == null ? 0 : queue.size();
    }

    /**
     * Returns the current result, for diagnostics and tests: a value, a
     * {@link Failure}, the Deferred this one is waiting on, or {@code null}
     * when this Deferred has not fired (check {@link #called()}).
     *
     * @return the current result
     */
    Object currentResult() {
        Object current = result;
        return current == NO_RESULT ? null : current;
    }

    /**
     * Returns the loop this Deferred belongs to.
     *
     * @return the loop that was current when it was created, or empty
     */
    public Optional<EventLoop> loop() {
        return Optional.ofNullable(loop);
    }

    // ------------------------------------------------------------------ interop

    /**
     * Returns a CompletableFuture completed with this chain's result, like
     * Twisted's {@code asFuture}: the callbacks added here consume the result
     * (this chain's result becomes {@code null}), a failure completes the future
     * exceptionally with the original exception, and cancelling the future
     * cancels this Deferred. For a Deferred of a loop, a blocking wait on the
     * future ({@code get}, {@code join}) on that loop's own thread throws
     * {@link IllegalStateException} at once unless the future is already
     * complete: only that thread could complete it.
     *
     * @return a new future
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> future = loop == null ? new CompletableFuture<>() : new LoopBoundFuture<>(loop);
        future.whenComplete((value, error) -> {
            if (error instanceof CancellationException) {
                cancel();
            }
        });
        addCallbacks(value -> {
            future.complete(value);
            return null;
        }, failure -> {
            future.completeExceptionally(failure.value());
            return null;
        });
        return future;
    }

    // ------------------------------------------------------------------ debugging

    /**
     * Turns on or off recording where each Deferred is created and first fired,
     * so that {@link AlreadyCalledError} can say so (Twisted's
     * {@code setDebugging}). Off by default: it costs a stack walk per Deferred.
     *
     * @param on whether to record
     */
    public static void setDebugging(boolean on) {
        debugging = on;
    }

    /**
     * Returns whether debugging is on.
     *
     * @return true if on
     */
    public static boolean getDebugging() {
        return debugging;
    }

    private static String stackHere() {
        StringBuilder out = new StringBuilder();
        StackTraceElement[] frames = new Throwable().getStackTrace();
        for (int i = 2; i < frames.length; i++) {
            out.append('\n').append("  at ").append(frames[i]);
        }
        return out.toString();
    }

    /**
     * Twisted's repr: {@code <Deferred at 0x1f current result: 3>}, or
     * {@code waiting on Deferred at 0x…} while chained.
     */
    @Override
    public String toString() {
        String id = "Deferred at 0x" + Integer.toHexString(System.identityHashCode(this));
        if (!called) {
            return "<" + id + ">";
        }
        Object current = result;
        if (current instanceof Deferred<?> inner) {
            return "<" + id + " waiting on Deferred at 0x" + Integer.toHexString(System.identityHashCode(inner)) + ">";
        }
        return "<" + id + " current result: " + current + ">";
    }
}
