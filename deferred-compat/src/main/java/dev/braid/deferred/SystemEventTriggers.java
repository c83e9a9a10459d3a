package dev.braid.deferred;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The system event triggers of one loop (Twisted's {@code _ThreePhaseEvent}
 * per event type): each trigger runs once, when its event fires. Firing takes
 * the BEFORE triggers one by one (so a trigger added to the running phase
 * still runs), waits for the Deferreds they returned, then the DURING and
 * AFTER triggers the same way. Adding and removing are thread-safe; firing
 * happens on the loop's thread.
 *
 * <p>A loop has a handful of triggers at most, so they live in one list in
 * the order they were added, and an event with nothing to wait for completes
 * at once, without allocating a Deferred.
 */
final class SystemEventTriggers {
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());

    /** A trigger, compared by identity: it is also the handle returned to the caller. */
    static final class Trigger {
        private final EventLoop.Phase phase;
        private final String eventType;
        private final Callable<?> fn;

        private Trigger(EventLoop.Phase phase, String eventType, Callable<?> fn) {
            this.phase = phase;
            this.eventType = eventType;
            this.fn = fn;
        }

        @Override
        public String toString() {
            return "SystemEventTrigger[" + phase + " " + eventType + ": " + fn + "]";
        }
    }

    private final ArrayList<Trigger> triggers = new ArrayList<>(2);

    synchronized Object add(EventLoop.Phase phase, String eventType, Callable<?> fn) {
        if (phase == null || eventType == null || fn == null) {
            throw new NullPointerException("phase, eventType and fn are required");
        }
        Trigger trigger = new Trigger(phase, eventType, fn);
        triggers.add(trigger);
        return trigger;
    }

    synchronized void remove(Object handle) {
        if (!(handle instanceof Trigger trigger) || !triggers.remove(trigger)) {
            throw new IllegalArgumentException("no such system event trigger (already run or removed?): " + handle);
        }
    }

    /** Takes the first trigger of {@code eventType} in {@code phase} out of the list, or returns null. */
    private synchronized Trigger next(String eventType, EventLoop.Phase phase) {
        for (int i = 0; i < triggers.size(); i++) {
            Trigger trigger = triggers.get(i);
            if (trigger.phase == phase && trigger.eventType.equals(eventType)) {
                return triggers.remove(i);
            }
        }
        return null;
    }

    /**
     * Fires {@code eventType} on {@code loop}'s thread and runs {@code then}
     * once every phase has run: before returning, unless a BEFORE trigger
     * returned a Deferred that had not fired.
     */
    void fire(EventLoop loop, String eventType, Runnable then) {
        List<Deferred<?>> waits = null;
        for (Trigger trigger = next(eventType, EventLoop.Phase.BEFORE); trigger != null;
             trigger = next(eventType, EventLoop.Phase.BEFORE)) {
            if (call(loop, trigger) instanceof Deferred<?> d) {
                if (waits == null) {
                    waits = new ArrayList<>(2);
                }
                waits.add(d);
            }
        }
        if (waits == null) {
            runLaterPhases(loop, eventType);
            then.run();
            return;
        }
        DeferredList.create(waits, false, false, true).addBoth(ignored -> {
            runLaterPhases(loop, eventType);
            then.run();
            return null;
        });
    }

    private void runLaterPhases(EventLoop loop, String eventType) {
        for (EventLoop.Phase phase : LATER_PHASES) {
            for (Trigger trigger = next(eventType, phase); trigger != null; trigger = next(eventType, phase)) {
                call(loop, trigger);
            }
        }
    }

    private static final EventLoop.Phase[] LATER_PHASES = {EventLoop.Phase.DURING, EventLoop.Phase.AFTER};

    /** Runs one trigger; its exception, or its Deferred's failure, is logged and does not stop the event. */
    private static Object call(EventLoop loop, Trigger trigger) {
        try {
            Object returned = trigger.fn.call();
            if (returned instanceof Deferred<?> d) {
                d.addErrback(failure -> {
                    logFailure(loop, trigger, failure);
                    return null;
                });
            }
            return returned;
        } catch (Throwable error) {
            logFailure(loop, trigger, new Failure(error));
            return null;
        }
    }

    private static void logFailure(EventLoop loop, Trigger trigger, Failure failure) {
        LOG.log(Level.SEVERE, "Error in the " + trigger.phase.name().toLowerCase(java.util.Locale.ROOT) + " "
                + trigger.eventType + " trigger " + trigger.fn + " of " + loop.name() + "\n" + failure.getTraceback());
    }
}
