package dev.braid.deferred;

import java.util.List;

/**
 * Time that moves only when told to (Twisted's {@code task.Clock}): tests use
 * it wherever code takes a {@link ReactorTime}, and advance it instead of
 * sleeping.
 *
 * <p>{@link #advance} runs the due calls on the thread that calls it, in order,
 * including calls they schedule that are already due. An exception thrown by a
 * call propagates out of {@code advance}, as in Twisted. The methods are
 * thread-safe, but a Clock is meant to be driven by one test thread.
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
        public void cancelCall(DelayedCall call) {
            synchronized (Clock.this) {
                timers.remove(call);
            }
        }

        @Override
        public void moveCall(DelayedCall call, double newTime) {
            synchronized (Clock.this) {
                timers.move(call, newTime);
            }
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
}
