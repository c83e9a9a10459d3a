package dev.braid.web.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions in a map bounded in size: when a new session would exceed the cap,
 * the least recently used one is expired (its notifyOnExpire callbacks run),
 * so a flood of cookie-less requests cannot exhaust memory. Evictions are
 * counted ({@link #evictions()}) and logged at most once a minute.
 *
 * <p>Lookups are lock-free (a concurrent map; a request's touch only stores
 * the time in its session). Which session is least recently used is worked
 * out only when one must go, with the "second chance" clock: sessions queue
 * in the order they were made; the oldest in line is evicted unless it was
 * used since it joined the line, in which case it goes to the back.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final Logger LOG = Logger.getLogger(InMemorySessionStore.class.getName());

    /** A session in the eviction line, with the time it joined it. */
    private record InLine(Session session, double since) {
    }

    private final int maxSessions;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>(256);
    private final ArrayDeque<InLine> line = new ArrayDeque<>();         // guarded by itself
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
        return Optional.ofNullable(sessions.get(uid));
    }

    @Override
    public void put(Session session) {
        List<Session> evicted = new ArrayList<>();
        synchronized (line) {
            sessions.put(session.uid(), session);
            line.addLast(new InLine(session, session.lastModified()));
            while (sessions.size() > maxSessions && !line.isEmpty()) {
                InLine oldest = line.pollFirst();
                Session candidate = oldest.session();
                if (sessions.get(candidate.uid()) != candidate) {
                    continue;   // expired and removed meanwhile
                }
                if (candidate.lastModified() > oldest.since()) {
                    line.addLast(new InLine(candidate, candidate.lastModified()));   // used since: a second chance
                    continue;
                }
                sessions.remove(candidate.uid(), candidate);
                evicted.add(candidate);
            }
            if (line.size() > 2 * sessions.size() + 1024) {
                line.removeIf(entry -> sessions.get(entry.session().uid()) != entry.session());
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
        sessions.remove(uid);   // its place in line is dropped when it comes up
    }

    @Override
    public int size() {
        return sessions.size();
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
