package dev.braid.deferred;

import java.util.List;

/**
 * Time that moves only when told to (Twisted's {@code task.Clock}): tests use
 * it wherever code takes a {@link ReactorTime}, and advance it instead of
 * sleeping.
 *
 * <ul>
 *   <li>{@link #seconds()} starts at 0.</li>
 *   <li>{@link #advance} runs the due calls on the thread that calls it,
 *       earliest first (ties in the order they were scheduled), including
 *       calls scheduled meanwhile that are already due.</li>
 *   <li>An exception thrown by a call propagates out of {@code advance}, as in
 *       Twisted (the real loop logs it instead); the calls after it stay
 *       pending for the next advance.</li>
 * </ul>
 * The methods are thread-safe, but a Clock is meant to be driven by one test
 * thread.
 *
 * <pre>{@code
 * Clock clock = new Clock();
 * Deferred<String> d = Deferreds.deferLater(clock, 5, () -> "done");
 * clock.advance(5);
 * assert "done".equals(Trial.successResultOf(d));
 * }</pre>
 */
public final class Clock implements ReactorTime {
    private final TimerQueue timers = new TimerQueue();
    private final DelayedCall.Owner owner = new DelayedCall.Owner() {
        @Override
        public double seconds() {
            return Clock.this.seconds();
        }

        @Override
        public void locked(Runnable action) {
            synchronized (Clock.this) {
                action.run();
            }
        }

        @Override
        public TimerQueue timers() {
            return timers;
        }
    };
    private double now;

    /** Creates a clock at time 0. */
    public Clock() {
    }

    @Override
    public synchronized double seconds() {
        return now;
    }

    @Override
    public synchronized DelayedCall callLater(double delay, Runnable fn) {
        TimerQueue.checkDelay(delay);
        return timers.add(owner, now + delay, fn);
    }

    @Override
    public synchronized List<DelayedCall> getDelayedCalls() {
        return timers.snapshot();
    }

    /**
     * Moves time forward by {@code amount} seconds and runs every call due by
     * then, earliest first.
     *
     * @param amount seconds, at least 0
     * @throws IllegalArgumentException if {@code amount} is negative or not a number
     */
    public void advance(double amount) {
        TimerQueue.checkDelay(amount);
        synchronized (this) {
            now += amount;
        }
        while (true) {
            DelayedCall due;
            synchronized (this) {
                due = timers.pollDue(now);
            }
            if (due == null) {
                return;
            }
            due.run();
        }
    }

    /**
     * Advances by each amount in turn (Twisted's {@code pump}).
     *
     * @param amounts the steps, in seconds
     */
    public void pump(double... amounts) {
        for (double amount : amounts) {
            advance(amount);
        }
    }

    @Override
    public String toString() {
        return "Clock[" + seconds() + "s, " + getDelayedCalls().size() + " pending]";
    }
}
