package dev.braid.deferred;

import java.time.Duration;
import java.util.List;

/**
 * A source of time that can run functions later (Twisted's
 * {@code IReactorTime}). An {@link EventLoop} is one, driven by real time; a
 * {@link Clock} is another, driven by hand, so code that takes a
 * {@code ReactorTime} can be tested without sleeping.
 *
 * <pre>{@code
 * DelayedCall call = time.callLater(2.5, () -> System.out.println("later"));
 * call.cancel();
 * }</pre>
 */
public interface ReactorTime {
    /**
     * Returns the current time in seconds. For an EventLoop this follows the
     * wall clock at start-up and then a monotonic clock; a Clock starts at 0.
     *
     * @return seconds
     */
    double seconds();

    /**
     * Runs {@code fn} after {@code delay} seconds. Calls due at the same time run
     * in the order they were scheduled.
     *
     * @param delay seconds from now; 0 means "as soon as possible"
     * @param fn what to run
     * @return a handle to cancel or move the call
     * @throws IllegalArgumentException if {@code delay} is negative or not a number
     */
    DelayedCall callLater(double delay, Runnable fn);

    /**
     * Runs {@code fn} after {@code delay}.
     *
     * @param delay how long from now
     * @param fn what to run
     * @return a handle to cancel or move the call
     */
    default DelayedCall callLater(Duration delay, Runnable fn) {
        return callLater(delay.toNanos() / 1e9, fn);
    }

    /**
     * Returns the calls that are scheduled and have neither run nor been cancelled.
     *
     * @return a snapshot, earliest first
     */
    List<DelayedCall> getDelayedCalls();
}
