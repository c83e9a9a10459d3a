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
    }

    /**
     * Creates, stores and starts a new session (Twisted's {@code makeSession}).
     *
     * @return the session
     */
    public Session makeSession() {
        String uid = newUid();
        Session session = factory.create(uid, clock, () -> store.remove(uid));
        store.put(session);
        session.startCheckingExpiration();
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
     * Returns the store.
     *
     * @return the store
     */
    public SessionStore store() {
        return store;
    }

    /** 32 random bytes as 64 lowercase hex characters, like Twisted's uid. */
    static String newUid() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
