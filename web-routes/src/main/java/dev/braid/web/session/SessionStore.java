package dev.braid.web.session;

import java.util.Optional;

/**
 * Where a Site keeps its live sessions. The default,
 * {@link InMemorySessionStore}, keeps them in this process with a size cap;
 * a shared implementation can replace it when one server is not enough
 * (module sessions-redis: RedisSessionStore). Implementations must be thread-safe.
 */
public interface SessionStore {
    /**
     * Finds a live session.
     *
     * @param uid the id from the cookie
     * @return the session, or empty
     */
    Optional<Session> find(String uid);

    /**
     * Stores a new session.
     *
     * @param session the session
     */
    void put(Session session);

    /**
     * Forgets a session (it expired).
     *
     * @param uid its id
     */
    void remove(String uid);

    /**
     * Returns how many sessions are stored.
     *
     * @return the count
     */
    int size();

    /**
     * Called once by the {@link SessionManager} of the Site that uses this
     * store, before any other method. A store shared by several servers keeps
     * the manager to make this process's Session object for a session that
     * another server created ({@link SessionManager#adopt}). By default it does
     * nothing: a store in this process only holds sessions its manager made.
     *
     * @param manager the Site's session manager
     * @throws IllegalStateException if the store is already bound to another manager
     */
    default void bind(SessionManager manager) {
    }

    /**
     * Says whether a session this store found before may be used again
     * without calling {@link #find}: by default while it has not expired. A
     * shared store says no when {@code find} would check with its server first.
     *
     * @param session a session this store handed out
     * @return true if {@code find} would return the same object without asking further
     */
    default boolean isCurrent(Session session) {
        return !session.isExpired();
    }

    /**
     * Returns what backs a session in this store besides the Session object,
     * called by the manager for each new or adopted session before it is stored
     * or handed out. By default empty: the session keeps its values itself.
     *
     * @param session the session, not yet visible to requests
     * @return its backing, or empty
     */
    default Optional<SessionBacking> backing(Session session) {
        return Optional.empty();
    }
}
