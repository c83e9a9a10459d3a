package dev.braid.deferred;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Pending delayed calls ordered by due time, ties in scheduling order. Not
 * thread-safe: its owner ({@link Clock} or {@link EventLoop}) locks around it.
 */
final class TimerQueue {
    private static final Comparator<DelayedCall> ORDER =
            Comparator.<DelayedCall>comparingDouble(call -> call.time).thenComparingLong(call -> call.sequence);

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

    void move(DelayedCall call, double newTime) {
        if (calls.remove(call)) {
            synchronized (call) {
                call.time = newTime;
            }
            calls.add(call);
        }
    }

    /** Removes and returns the earliest call due at or before {@code now}, or null. */
    DelayedCall pollDue(double now) {
        if (calls.isEmpty() || calls.first().time > now) {
            return null;
        }
        return calls.pollFirst();
    }

    /** Returns the earliest due time, or NaN when there is none. */
    double nextTime() {
        return calls.isEmpty() ? Double.NaN : calls.first().time;
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
        if (!(delay >= 0)) {
            throw new IllegalArgumentException("delay must be >= 0 seconds, got " + delay);
        }
    }
}
