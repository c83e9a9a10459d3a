package dev.braid.deferred;

/**
 * A function scheduled to run later by {@link ReactorTime#callLater} (Twisted's
 * {@code DelayedCall}). Its methods may be called from any thread.
 *
 * <pre>{@code
 * DelayedCall call = loop.callLater(5, this::timeOut);
 * call.reset(5);          // postpone: five seconds from now
 * if (call.active()) call.cancel();
 * }</pre>
 */
public final class DelayedCall {
    /** The scheduler that owns the call: it keeps the calls ordered under its own lock. */
    interface Owner {
        double seconds();

        void cancelCall(DelayedCall call);

        void moveCall(DelayedCall call, double newTime);
    }

    private enum State { PENDING, CALLED, CANCELLED }

    private final Owner owner;
    private final Runnable fn;
    final long sequence;
    double time;
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
        synchronized (this) {
            return time;
        }
    }

    /**
     * Returns whether the call is still waiting to run.
     *
     * @return false once it has run or been cancelled
     */
    public boolean active() {
        return state == State.PENDING;
    }

    /**
     * Unschedules the call.
     *
     * @throws AlreadyCancelled if it was already cancelled
     * @throws AlreadyCalled if it has already run
     */
    public void cancel() {
        checkPending("cancel");
        state = State.CANCELLED;
        owner.cancelCall(this);
    }

    /**
     * Moves the call to {@code secondsFromNow} from now.
     *
     * @param secondsFromNow the new delay, counted from now
     * @throws AlreadyCancelled if it was cancelled
     * @throws AlreadyCalled if it has already run
     */
    public void reset(double secondsFromNow) {
        checkPending("reset");
        owner.moveCall(this, owner.seconds() + secondsFromNow);
    }

    /**
     * Moves the call {@code secondsLater} later than it was due.
     *
     * @param secondsLater how much to add to the due time
     * @throws AlreadyCancelled if it was cancelled
     * @throws AlreadyCalled if it has already run
     */
    public void delay(double secondsLater) {
        checkPending("delay");
        owner.moveCall(this, getTime() + secondsLater);
    }

    private void checkPending(String what) {
        switch (state) {
            case CANCELLED -> throw new AlreadyCancelled("Tried to " + what + " an already-cancelled event.");
            case CALLED -> throw new AlreadyCalled("Tried to " + what + " an already-called event.");
            case PENDING -> { }
        }
    }

    /** Marks the call as run and runs it; the owner calls this once, after removing it. */
    void run() {
        state = State.CALLED;
        fn.run();
    }

    @Override
    public String toString() {
        return "<DelayedCall " + Integer.toHexString(System.identityHashCode(this)) + " [" + getTime() + "s] "
                + state.name().toLowerCase() + " " + fn + ">";
    }
}
