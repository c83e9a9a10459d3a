package dev.braid.deferred;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final Map<String, Map<EventLoop.Phase, ArrayDeque<Trigger>>> triggers = new HashMap<>();

    synchronized Object add(EventLoop.Phase phase, String eventType, Callable<?> fn) {
        if (phase == null || eventType == null || fn == null) {
            throw new NullPointerException("phase, eventType and fn are required");
        }
        Trigger trigger = new Trigger(phase, eventType, fn);
        triggers.computeIfAbsent(eventType, e -> new EnumMap<>(EventLoop.Phase.class))
                .computeIfAbsent(phase, p -> new ArrayDeque<>()).addLast(trigger);
        return trigger;
    }

    synchronized void remove(Object handle) {
        if (handle instanceof Trigger trigger) {
            Map<EventLoop.Phase, ArrayDeque<Trigger>> phases = triggers.get(trigger.eventType);
            if (phases != null && phases.containsKey(trigger.phase) && phases.get(trigger.phase).remove(trigger)) {
                return;
            }
        }
        throw new IllegalArgumentException("no such system event trigger (already run or removed?): " + handle);
    }

    private synchronized Trigger next(String eventType, EventLoop.Phase phase) {
        Map<EventLoop.Phase, ArrayDeque<Trigger>> phases = triggers.get(eventType);
        ArrayDeque<Trigger> queue = phases == null ? null : phases.get(phase);
        return queue == null ? null : queue.pollFirst();
    }

    /** Fires {@code eventType} on {@code loop}'s thread; the Deferred fires once every phase has run. */
    Deferred<Void> fire(EventLoop loop, String eventType) {
        List<Deferred<?>> waits = new ArrayList<>();
        for (Trigger trigger = next(eventType, EventLoop.Phase.BEFORE); trigger != null;
             trigger = next(eventType, EventLoop.Phase.BEFORE)) {
            if (call(loop, trigger) instanceof Deferred<?> d) {
                waits.add(d);
            }
        }
        Deferred<Void> done = new Deferred<>(loop, null);
        DeferredList.create(waits, false, false, true).addBoth(ignored -> {
            for (EventLoop.Phase phase : List.of(EventLoop.Phase.DURING, EventLoop.Phase.AFTER)) {
                for (Trigger trigger = next(eventType, phase); trigger != null; trigger = next(eventType, phase)) {
                    call(loop, trigger);
                }
            }
            done.callback(null);
            return null;
        });
        return done;
    }

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
