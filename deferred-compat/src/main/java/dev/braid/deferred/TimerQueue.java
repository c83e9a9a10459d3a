package dev.braid.deferred;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Pending delayed calls ordered by due time, ties in scheduling order. Not
 * thread-safe: its owner ({@link Clock} or {@link EventLoop}) holds its lock
 * around every use.
 */
final class TimerQueue {
    private static final Comparator<DelayedCall> ORDER =
            Comparator.comparingDouble(DelayedCall::getTime).thenComparingLong(call -> call.sequence);

    private final TreeSet<DelayedCall> calls = new TreeSet<>(ORDER);
    private long nextSequence;

    DelayedCall add(DelayedCall.Owner owner, double time, Runnable fn) {
        DelayedCall call = new DelayedCall(owner, time, nextSequence++, fn);
        calls.add(call);
        return call;
    }

    void remove(DelayedCall call) {
        calls.remove(call);
    }

    /** Moves a pending call; a moved call keeps its place among calls due at the same new time by sequence. */
    void move(DelayedCall call, double newTime) {
        if (calls.remove(call)) {
            call.setTime(newTime);
            calls.add(call);
        }
    }

    /** Removes the earliest call due at or before {@code now}, marks it called and returns it; or null. */
    DelayedCall pollDue(double now) {
        if (calls.isEmpty() || calls.first().getTime() > now) {
            return null;
        }
        DelayedCall due = calls.pollFirst();
        due.markCalled();
        return due;
    }

    /** Returns the earliest due time, or NaN when there is none. */
    double nextTime() {
        return calls.isEmpty() ? Double.NaN : calls.first().getTime();
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    int size() {
        return calls.size();
    }

    List<DelayedCall> snapshot() {
        return new ArrayList<>(calls);
    }

    static void checkDelay(double delay) {
        if (!(delay >= 0) || Double.isInfinite(delay)) {
            throw new IllegalArgumentException("delay must be a finite number of seconds >= 0, got " + delay);
        }
    }
}
