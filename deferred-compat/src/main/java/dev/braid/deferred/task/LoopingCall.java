package dev.braid.deferred.task;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.ReactorTime;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/**
 * Calls a function every {@code interval} seconds (Twisted's
 * {@code task.LoopingCall}).
 *
 * <ul>
 *   <li>Calls follow a grid anchored at the start time: a call that runs late
 *       does not shift the next one, and missed intervals are skipped, not
 *       replayed ({@link #withCount} tells how many passed).</li>
 *   <li>If the function returns a Deferred, nothing is scheduled until it fires.</li>
 *   <li>If the function throws or its Deferred fails, the loop stops and the
 *       Deferred from {@link #start} fails with that failure.</li>
 *   <li>{@link #stop()} fires that Deferred with this LoopingCall (after a
 *       pending Deferred of the function, if any).</li>
 * </ul>
 * Use it from one thread (normally the loop of its clock).
 *
 * <pre>{@code
 * LoopingCall heartbeat = new LoopingCall(() -> { System.out.println("tick"); return null; });
 * heartbeat.setClock(loop);              // a Clock in tests
 * heartbeat.start(1.0, true).addCallback(lc -> { System.out.println("stopped"); return null; });
 * }</pre>
 */
public final class LoopingCall {
    private final Callable<?> function;
    private ReactorTime clock;
    private boolean running;
    private Deferred<LoopingCall> deferred;
    private DelayedCall call;
    private double interval;
    private double startTime;
    private boolean runAtStart;

    /**
     * Creates a looping call of {@code function}, on the current loop's clock
     * (set another with {@link #setClock}).
     *
     * @param function the function; it may return a Deferred
     */
    public LoopingCall(Callable<?> function) {
        this.function = Objects.requireNonNull(function);
        this.clock = EventLoop.current().orElse(null);
    }

    /**
     * Creates a looping call that passes {@code function} the number of
     * intervals elapsed since its last call: 1 normally, more when calls were
     * skipped because the clock jumped or a call ran long (Twisted's
     * {@code withCount}).
     *
     * @param function receives the count
     * @return the looping call
     */
    public static LoopingCall withCount(IntFunction<?> function) {
        Counter counter = new Counter(function);
        LoopingCall loopingCall = new LoopingCall(counter);
        counter.owner = loopingCall;
        return loopingCall;
    }

    /**
     * Sets the time source (a {@link dev.braid.deferred.Clock} in tests).
     *
     * @param time the clock
     */
    public void setClock(ReactorTime time) {
        this.clock = Objects.requireNonNull(time);
    }

    /**
     * Returns whether the loop runs.
     *
     * @return true between start and stop (or a failure)
     */
    public boolean running() {
        return running;
    }

    /**
     * Returns the interval.
     *
     * @return seconds
     */
    public double interval() {
        return interval;
    }

    /**
     * Starts calling.
     *
     * @param intervalSeconds the interval; 0 means as often as possible
     * @param now whether to call at once (synchronously) or after one interval
     * @return a Deferred that fires with this LoopingCall on {@link #stop()}, or fails if the function fails
     * @throws IllegalStateException "Tried to start an already running LoopingCall."
     * @throws IllegalArgumentException "interval must be >= 0"
     */
    public Deferred<LoopingCall> start(double intervalSeconds, boolean now) {
        if (running) {
            throw new IllegalStateException("Tried to start an already running LoopingCall.");
        }
        if (!(intervalSeconds >= 0)) {
            throw new IllegalArgumentException("interval must be >= 0");
        }
        if (clock == null) {
            throw new IllegalStateException("a LoopingCall needs a clock: call setClock, or start it on a loop");
        }
        running = true;
        deferred = new Deferred<>();
        startTime = clock.seconds();
        interval = intervalSeconds;
        runAtStart = now;
        Deferred<LoopingCall> result = deferred;
        if (now) {
            callNow();
        } else {
            scheduleFrom(startTime);
        }
        return result;
    }

    /**
     * Stops calling; the Deferred from {@link #start} fires with this LoopingCall.
     *
     * @throws IllegalStateException "Tried to stop a LoopingCall that was not running."
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("Tried to stop a LoopingCall that was not running.");
        }
        running = false;
        if (call != null) {
            call.cancel();
            call = null;
            finish().callback(this);
        }
    }

    /**
     * Restarts the grid from now, without calling now.
     *
     * @throws IllegalStateException "Tried to reset a LoopingCall that was not running."
     */
    public void reset() {
        if (!running) {
            throw new IllegalStateException("Tried to reset a LoopingCall that was not running.");
        }
        if (call != null) {
            call.cancel();
            call = null;
            startTime = clock.seconds();
            scheduleFrom(startTime);
        }
    }

    private void callNow() {
        call = null;
        // Callback then errback, as Twisted: an error in the callback also stops the loop.
        Deferreds.maybeDeferred(function).addCallback(ignored -> {
            if (running) {
                scheduleFrom(clock.seconds());
            } else {
                finish().callback(this);
            }
            return null;
        }).addErrback(failure -> {
            running = false;
            finish().errback(failure);
            return null;
        });
    }

    private Deferred<LoopingCall> finish() {
        Deferred<LoopingCall> done = deferred;
        deferred = null;
        return done;
    }

    private void scheduleFrom(double when) {
        call = clock.callLater(howLong(when), this::callNow);
    }

    /** Seconds from {@code when} to the next point of the grid. */
    private double howLong(double when) {
        if (interval == 0) {
            return 0;
        }
        double runningFor = when - startTime;
        double untilNext = interval - (runningFor % interval);
        return when == when + untilNext ? interval : untilNext;
    }

    private int intervalOf(double time) {
        return (int) ((time - startTime) / interval);
    }

    /** The function of {@link #withCount}: works out how many intervals have passed. */
    private static final class Counter implements Callable<Object> {
        private final IntFunction<?> function;
        private LoopingCall owner;
        private Double lastTime;

        Counter(IntFunction<?> function) {
            this.function = function;
        }

        @Override
        public Object call() {
            double now = owner.clock.seconds();
            if (owner.interval == 0) {
                lastTime = now;
                return function.apply(1);
            }
            double last = lastTime != null ? lastTime : owner.startTime - (owner.runAtStart ? owner.interval : 0);
            int count = owner.intervalOf(now) - owner.intervalOf(last);
            if (count > 0) {
                lastTime = now;
                return function.apply(count);
            }
            return null;
        }
    }

    /** Twisted's repr: {@code LoopingCall<2.0>(function)}. */
    @Override
    public String toString() {
        return "LoopingCall<" + interval + ">(" + (function instanceof Counter counter ? counter.function : function)
                + ")";
    }
}
