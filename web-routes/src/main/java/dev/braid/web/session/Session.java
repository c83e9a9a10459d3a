package dev.braid.web.session;

import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.log.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A visitor's session (Twisted's {@code server.Session}): a random id carried
 * by a cookie, an inactivity timeout, callbacks to run on expiry, and
 * components — per-session objects looked up by type.
 *
 * <p>Sessions are shared by every request of one visitor, and two of those
 * requests may run at once: all methods are thread-safe, and
 * {@link #component} creates a component at most once.
 *
 * <p>Where Braid differs from Twisted: the timeout counts from the last
 * access — {@code Request.getSession()} touches the session every time —
 * as the Twisted tutorial describes; Twisted's own lookup does not touch, so
 * its sessions expire {@code sessionTimeout} after creation unless the
 * application calls {@code touch()}. A second {@link #expire()} does nothing
 * (Twisted raises KeyError).
 *
 * <p>Touching only stores the time, as Twisted's {@code touch} does: the
 * expiry timer, when it fires, looks at the time of the last access and
 * either expires the session or sleeps again until a whole timeout after it.
 * So a busy session costs one timer per timeout, not one reschedule per request.
 *
 * <p>Components are objects of this process. What several servers must share
 * goes in {@link #values()}, which the session's store keeps: in a store shared
 * by several servers (such as Redis) the store also decides when a session
 * idle here but used elsewhere really expires.
 *
 * <pre>{@code
 * Counter counter = request.getSession().component(Counter.class, s -> new Counter());
 * int visits = counter.increment();
 * }</pre>
 */
public class Session {
    private final String uid;
    private final double timeout;
    private final ReactorTime clock;
    private final Runnable onRemove;
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private final List<Runnable> expireCallbacks = new ArrayList<>();
    private volatile double lastModified;
    private DelayedCall expiryCall;                 // guarded by this
    private volatile boolean expired;               // written under this
    private SessionBacking backing;                 // set before the session is published; null: values kept here
    private volatile SessionValues localValues;     // made on first use when there is no backing

    /**
     * Creates a session; {@link SessionManager} does this for the Site.
     *
     * @param uid the session id (64 hex characters)
     * @param timeout seconds of inactivity before it expires
     * @param clock the time source that drives expiry
     * @param onRemove called once when the session expires, to forget it
     */
    protected Session(String uid, double timeout, ReactorTime clock, Runnable onRemove) {
        this.uid = uid;
        this.timeout = timeout;
        this.clock = clock;
        this.onRemove = onRemove;
        this.lastModified = clock.seconds();
    }

    /**
     * Returns the session id, as sent in the cookie.
     *
     * @return 64 lowercase hex characters
     */
    public final String uid() {
        return uid;
    }

    /**
     * Returns the inactivity timeout.
     *
     * @return seconds
     */
    public final double sessionTimeout() {
        return timeout;
    }

    /**
     * Returns when the session was last touched, in the clock's seconds.
     *
     * @return the time of the last access
     */
    public final double lastModified() {
        return lastModified;
    }

    /** Gives the session its store's backing; the manager does it before anyone else sees the session. */
    final void attach(SessionBacking storeBacking) {
        this.backing = storeBacking;
    }

    /** Starts the expiry timer (Twisted's {@code startCheckingExpiration}). */
    final synchronized void startCheckingExpiration() {
        if (!expired) {
            expiryCall = clock.callLater(timeout, this::checkExpiry);
        }
    }

    /** Stops the expiry timer without expiring: the process forgets a session that lives on in a shared store. */
    final synchronized void stopCheckingExpiration() {
        if (expiryCall != null && expiryCall.active()) {
            expiryCall.cancel();
        }
        expiryCall = null;
    }

    /**
     * The expiry timer fired: if the session has been idle a whole timeout,
     * expire it (or, when a shared store backs it, ask the store first), else
     * wait for the rest.
     */
    private void checkExpiry() {
        synchronized (this) {
            if (expired) {
                return;
            }
            double idle = clock.seconds() - lastModified;
            if (idle < timeout) {
                expiryCall = clock.callLater(timeout - idle, this::checkExpiry);
                return;
            }
            if (backing != null) {
                expiryCall = null;
                backing.idle(this, this::idleVerdict);
                return;
            }
        }
        expire();
    }

    /** The backing's answer to {@link SessionBacking#idle}, from any thread: expire now, or ask again later. */
    private void idleVerdict(double secondsLeft) {
        synchronized (this) {
            if (expired) {
                return;
            }
            // On the clock's thread, as a timer would: expiry callbacks never run on the store's threads.
            expiryCall = secondsLeft > 0 ? clock.callLater(secondsLeft, this::checkExpiry) : clock.callLater(0, this::expire);
        }
    }

    /**
     * Marks the session as used now, postponing its expiry by a whole timeout.
     * Does nothing once the session has expired. Cheap: it stores the time.
     */
    public final void touch() {
        if (!expired) {
            lastModified = clock.seconds();
            if (backing != null) {
                backing.touched(this);
            }
        }
    }

    /**
     * Returns whether the session has expired.
     *
     * @return true after {@link #expire()} or its timeout
     */
    public final boolean isExpired() {
        return expired;
    }

    /**
     * Expires the session now: forgets it, cancels its timer, and runs each
     * {@link #notifyOnExpire} callback once, in order. A second call does nothing.
     */
    public final void expire() {
        List<Runnable> callbacks;
        synchronized (this) {
            if (expired) {
                return;
            }
            expired = true;
            if (expiryCall != null && expiryCall.active()) {
                expiryCall.cancel();
            }
            callbacks = List.copyOf(expireCallbacks);
            expireCallbacks.clear();
        }
        onRemove.run();
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                Log.err(e, "Error in a notifyOnExpire callback of session " + uid);
            }
        }
    }

    /**
     * Adds a function to run when the session expires, by timeout or by
     * {@link #expire()}. On an already expired session it never runs.
     *
     * @param callback the function
     */
    public final synchronized void notifyOnExpire(Runnable callback) {
        if (!expired) {
            expireCallbacks.add(callback);
        }
    }

    /**
     * Returns the session's values: what its store keeps for every server that
     * shares it (counters, and anything else as text through a {@link ValueCodec}).
     *
     * @return the values, the same object each time
     */
    public final SessionValues values() {
        if (backing != null) {
            return backing.values();
        }
        SessionValues values = localValues;
        if (values == null) {
            synchronized (this) {
                values = localValues;
                if (values == null) {
                    values = new LocalSessionValues();
                    localValues = values;
                }
            }
        }
        return values;
    }

    /**
     * Returns this session's component of {@code type}, creating it with
     * {@code factory} the first time (Twisted's adapter registry:
     * {@code ICounter(session)}). The same object is returned every time,
     * also when two requests ask at once.
     *
     * @param type the component's type
     * @param factory makes the component for this session
     * @param <T> the type
     * @return the component
     */
    public final <T> T component(Class<T> type, Function<? super Session, ? extends T> factory) {
        return type.cast(components.computeIfAbsent(type, t -> factory.apply(this)));
    }

    /**
     * Returns the component of {@code type} if there is one.
     *
     * @param type the component's type
     * @param <T> the type
     * @return the component, or empty
     */
    public final <T> Optional<T> getComponent(Class<T> type) {
        return Optional.ofNullable(type.cast(components.get(type)));
    }

    /**
     * Sets (replaces) the component of {@code type}.
     *
     * @param type the component's type
     * @param component the object
     * @param <T> the type
     */
    public final <T> void setComponent(Class<T> type, T component) {
        components.put(type, type.cast(component));
    }

    /**
     * Removes the component of {@code type}; the next {@link #component} call makes a fresh one.
     *
     * @param type the component's type
     */
    public final void unsetComponent(Class<?> type) {
        components.remove(type);
    }

    @Override
    public String toString() {
        return "Session[" + uid + "]";
    }
}
