package dev.braid.deferred;

/**
 * A function scheduled to run later by {@link ReactorTime#callLater} (Twisted's
 * {@code DelayedCall}).
 *
 * <p>A call is pending until it runs or is cancelled, and never both: the
 * scheduler marks it called, under the same lock that {@link #cancel},
 * {@link #reset} and {@link #delay} take, just before running it. So a call
 * cancelled from another thread either does not run, or the cancel raises
 * {@link AlreadyCalled}. All methods may be called from any thread.
 *
 * <p>As in Twisted, the error for a call that is no longer pending is the same
 * whatever the method: {@code "Tried to cancel an already-called event."} or
 * {@code "Tried to cancel an already-cancelled event."}, also for
 * {@code reset} and {@code delay}.
 *
 * <pre>{@code
 * DelayedCall call = loop.callLater(5, this::timeOut);
 * call.reset(5);          // postpone: five seconds from now
 * if (call.active()) call.cancel();
 * }</pre>
 */
public final class DelayedCall {
    static final String CALLED_MESSAGE = "Tried to cancel an already-called event.";
    static final String CANCELLED_MESSAGE = "Tried to cancel an already-cancelled event.";

    /** The scheduler that owns the call and keeps the pending calls ordered under its lock. */
    interface Owner {
        double seconds();

        /** Runs {@code action} holding the lock that guards the owner's {@link TimerQueue}. */
        void locked(Runnable action);

        /** The owner's queue; only touched inside {@link #locked}. */
        TimerQueue timers();
    }

    private enum State { PENDING, CALLED, CANCELLED }

    private final Owner owner;
    private final Runnable fn;
    final long sequence;
    private volatile double time;           // written under the owner's lock
    private volatile State state = State.PENDING;

    DelayedCall(Owner owner, double time, long sequence, Runnable fn) {
        this.owner = owner;
        this.time = time;
        this.sequence = sequence;
        this.fn = fn;
    }

    /**
     * Returns when the call is due, in the owner's {@link ReactorTime#seconds()}.
     *
     * @return the due time in seconds
     */
    public double getTime() {
        return time;
    }

    /**
     * Returns whether the call is still waiting to run.
     *
     * @return false once it has started running or been cancelled
     */
    public boolean active() {
        return state == State.PENDING;
    }

    /**
     * Unschedules the call: it will not run.
     *
     * @throws AlreadyCancelled if it was already cancelled
     * @throws AlreadyCalled if it has already run (or is running)
     */
    public void cancel() {
        owner.locked(() -> {
            checkPending();
            state = State.CANCELLED;
            owner.timers().remove(this);
        });
    }

    /**
     * Moves the call to {@code secondsFromNow} from now, earlier or later.
     *
     * @param secondsFromNow the new delay, counted from now
     * @throws AlreadyCancelled if it was cancelled
     * @throws AlreadyCalled if it has already run
     * @throws IllegalArgumentException if the delay is negative or not a number
     */
    public void reset(double secondsFromNow) {
        TimerQueue.checkDelay(secondsFromNow);
        owner.locked(() -> {
            checkPending();
            owner.timers().move(this, owner.seconds() + secondsFromNow);
        });
    }

    /**
     * Moves the call {@code secondsLater} later than it was due (earlier if negative).
     *
     * @param secondsLater how much to add to the due time
     * @throws AlreadyCancelled if it was cancelled
     * @throws AlreadyCalled if it has already run
     */
    public void delay(double secondsLater) {
        owner.locked(() -> {
            checkPending();
            owner.timers().move(this, time + secondsLater);
        });
    }

    private void checkPending() {
        switch (state) {
            case CANCELLED -> throw new AlreadyCancelled(CANCELLED_MESSAGE);
            case CALLED -> throw new AlreadyCalled(CALLED_MESSAGE);
            case PENDING -> { }
        }
    }

    /** Marks the call as called; the owner does this under its lock as it takes the call off its queue. */
    void markCalled() {
        state = State.CALLED;
    }

    /** Sets the due time; the owner does this under its lock while the call is off its queue. */
    void setTime(double newTime) {
        time = newTime;
    }

    /** Runs the function; the owner calls this once, after {@link #markCalled()}, without holding its lock. */
    void run() {
        fn.run();
    }

    @Override
    public String toString() {
        return "<DelayedCall 0x" + Integer.toHexString(System.identityHashCode(this)) + " [" + time + "s] "
                + state.name().toLowerCase(java.util.Locale.ROOT) + " " + fn + ">";
    }
}
