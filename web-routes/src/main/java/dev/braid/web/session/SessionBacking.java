package dev.braid.web.session;

import java.util.function.DoubleConsumer;

/**
 * What a store keeps of one session besides the Session object: its
 * {@link SessionValues}, and, in a store shared by several servers, its life
 * there. A {@link SessionStore} hands one out through
 * {@link SessionStore#backing}; a store kept in this process needs none (the
 * session keeps its values itself).
 *
 * <p>The methods are called from any thread and must not block for long.
 */
public interface SessionBacking {
    /**
     * Returns the session's values.
     *
     * @return the values, the same object each time
     */
    SessionValues values();

    /**
     * Called on every {@link Session#touch()}, after the time was stored. A
     * shared store pushes its own expiry further here, at most now and then:
     * this must not cost a round trip per call.
     *
     * @param session the session
     */
    default void touched(Session session) {
    }

    /**
     * Called when the session has not been touched in this process for a whole
     * timeout. The backing answers, at once or later and from any thread, with
     * {@code verdict.accept(seconds)}: 0 or less to expire the session now, or
     * how long it surely lives on (used on another server, or the store cannot
     * tell yet), after which the session asks again if still idle here.
     *
     * @param session the session
     * @param verdict takes the answer, once
     */
    default void idle(Session session, DoubleConsumer verdict) {
        verdict.accept(0);
    }
}
