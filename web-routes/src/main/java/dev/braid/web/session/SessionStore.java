package dev.braid.web.session;

import java.util.Optional;

/**
 * Where a Site keeps its live sessions. The default,
 * {@link InMemorySessionStore}, keeps them in this process with a size cap;
 * a shared implementation can replace it when one server is not enough.
 * Implementations must be thread-safe.
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
}
