package dev.braid.web.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions in a map bounded in size: when a new session would exceed the cap,
 * the least recently used one is expired (its notifyOnExpire callbacks run),
 * so a flood of cookie-less requests cannot exhaust memory. Evictions are
 * counted ({@link #evictions()}) and logged at most once a minute.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final Logger LOG = Logger.getLogger(InMemorySessionStore.class.getName());

    private final int maxSessions;
    private final Map<String, Session> sessions = new LinkedHashMap<>(256, 0.75f, true);
    private final AtomicLong evictions = new AtomicLong();
    private volatile long lastEvictionLog;

    /**
     * Creates a store.
     *
     * @param maxSessions the cap, at least 1
     */
    public InMemorySessionStore(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be >= 1");
        }
        this.maxSessions = maxSessions;
    }

    @Override
    public Optional<Session> find(String uid) {
        synchronized (sessions) {
            return Optional.ofNullable(sessions.get(uid));
        }
    }

    @Override
    public void put(Session session) {
        List<Session> evicted = new ArrayList<>();
        synchronized (sessions) {
            sessions.put(session.uid(), session);
            Iterator<Session> eldest = sessions.values().iterator();
            while (sessions.size() > maxSessions && eldest.hasNext()) {
                evicted.add(eldest.next());
                eldest.remove();
            }
        }
        for (Session old : evicted) {
            evictions.incrementAndGet();
            old.expire();
        }
        if (!evicted.isEmpty() && System.currentTimeMillis() - lastEvictionLog > 60_000) {
            lastEvictionLog = System.currentTimeMillis();
            LOG.log(Level.WARNING, "Session store full (" + maxSessions + " sessions): expired the least recently"
                    + " used; " + evictions.get() + " evicted so far");
        }
    }

    @Override
    public void remove(String uid) {
        synchronized (sessions) {
            sessions.remove(uid);
        }
    }

    @Override
    public int size() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    /**
     * Returns how many sessions were expired early because the store was full.
     *
     * @return the count since creation
     */
    public long evictions() {
        return evictions.get();
    }
}
