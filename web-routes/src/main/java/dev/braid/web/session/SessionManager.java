package dev.braid.web.session;

import dev.braid.deferred.ReactorTime;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Site's sessions: makes new ones with unguessable ids, finds live ones,
 * and forgets them when they expire. Thread-safe.
 */
public final class SessionManager {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore store;
    private final SessionFactory factory;
    private final ReactorTime clock;

    /**
     * Creates a manager.
     *
     * @param store where sessions live
     * @param factory makes session objects
     * @param clock drives expiry
     */
    public SessionManager(SessionStore store, SessionFactory factory, ReactorTime clock) {
        this.store = store;
        this.factory = factory;
        this.clock = clock;
        store.bind(this);
    }

    /**
     * Creates, stores and starts a new session (Twisted's {@code makeSession}).
     *
     * @return the session
     */
    public Session makeSession() {
        Session session = newSession(newUid());
        store.put(session);
        session.startCheckingExpiration();
        return session;
    }

    /**
     * Makes this process's Session object for a session that lives in a
     * shared store but was made by another server, and starts its expiry timer.
     * For {@link SessionStore} implementations, from their {@code find}; the
     * store keeps the object (the manager does not {@code put} it).
     *
     * @param uid the session's id
     * @return the new object, backed by the store
     */
    public Session adopt(String uid) {
        Session session = newSession(uid);
        session.startCheckingExpiration();
        return session;
    }

    /**
     * Stops this process's expiry timer of a session without expiring it: for a
     * shared store that forgets its local object of a session that lives on in
     * the store (its notifyOnExpire callbacks then never run here).
     *
     * @param session the session
     */
    public void release(Session session) {
        session.stopCheckingExpiration();
    }

    /**
     * Returns the time source that drives the sessions' expiry.
     *
     * @return the clock
     */
    public ReactorTime clock() {
        return clock;
    }

    private Session newSession(String uid) {
        Session session = factory.create(uid, clock, () -> store.remove(uid));
        store.backing(session).ifPresent(session::attach);
        return session;
    }

    /**
     * Finds a live session.
     *
     * @param uid the id
     * @return the session, or empty if unknown or expired
     */
    public Optional<Session> find(String uid) {
        return store.find(uid).filter(session -> !session.isExpired());
    }

    /**
     * Says whether a session found earlier may be used again without a new
     * {@link #find} (a keep-alive connection reusing its last request's
     * session): what its store says ({@link SessionStore#isCurrent}).
     *
     * @param session a session this manager found
     * @return true if a fresh lookup would give the same object without asking further
     */
    public boolean isCurrent(Session session) {
        return store.isCurrent(session);
    }

    /**
     * Returns the store.
     *
     * @return the store
     */
    public SessionStore store() {
        return store;
    }

    /**
     * Says whether {@code uid} has the form of the ids this manager makes, so a
     * store can refuse any other cookie before looking it up.
     *
     * @param uid a cookie's value
     * @return true for 64 lowercase hex characters
     */
    public static boolean isWellFormed(String uid) {
        if (uid.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = uid.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** 32 random bytes as 64 lowercase hex characters, like Twisted's uid. */
    static String newUid() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
