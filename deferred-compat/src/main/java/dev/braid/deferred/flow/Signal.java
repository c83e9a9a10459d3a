package dev.braid.deferred.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-shot wake-up a stage returns (inside {@link Step.Wait}) while it waits
 * for something outside the loop. Whoever produces the awaited thing calls
 * {@link #fire()}, from any thread; drivers register with
 * {@link #whenFired(Runnable)}. A signal that fired stays fired: registering
 * afterwards runs the wake-up at once, so no wake-up is ever lost.
 *
 * <p>A stage hands out a fresh Signal for each wait and fires only the latest
 * one, so the wake-ups of waits that were answered otherwise (a merge woken by
 * another source) do not pile up.
 *
 * <pre>{@code
 * Signal ready = new Signal();
 * worker.onData(() -> ready.fire());
 * return new Step.Wait<>(ready);
 * }</pre>
 */
public final class Signal implements Instruction {
    private List<Runnable> waiters = new ArrayList<>(1); // null once fired; guarded by this

    /** Creates an unfired signal. */
    public Signal() {
    }

    /**
     * Fires the signal: runs the registered wake-ups on this thread, once.
     * Later calls do nothing.
     */
    public void fire() {
        List<Runnable> toRun;
        synchronized (this) {
            toRun = waiters;
            waiters = null;
        }
        if (toRun != null) {
            toRun.forEach(Runnable::run);
        }
    }

    /**
     * Says whether the signal has fired.
     *
     * @return true once {@link #fire()} was called
     */
    public synchronized boolean fired() {
        return waiters == null;
    }

    /**
     * Runs {@code wake} when the signal fires, or now if it already has.
     *
     * @param wake the wake-up; it must be quick and thread-safe
     */
    public void whenFired(Runnable wake) {
        synchronized (this) {
            if (waiters != null) {
                waiters.add(wake);
                return;
            }
        }
        wake.run();
    }
}
