package dev.braid.web.session;

import dev.braid.deferred.log.RateLimitedLog;
import java.time.Duration;
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
 * Sessions in memory, bounded in two parts so that a flood of cookie-less
 * requests cannot push out the visitors who are really using the site:
 *
 * <ul>
 *   <li>a new session waits in a small <em>probation</em> part
 *       ({@code maxNewSessions}, a tenth of the cap by default): when it is
 *       full, the least recently made new session is expired;</li>
 *   <li>a session found again — its visitor came back with the cookie — is
 *       <em>established</em> and moves to the main part ({@code maxSessions}),
 *       where only established sessions compete, least recently used first.</li>
 * </ul>
 *
 * <p>So 100,000 anonymous requests expire only other sessions that were never
 * used twice. Expired sessions run their {@code notifyOnExpire} callbacks.
 * Evictions are counted ({@link #evictions()}) and logged at a bounded rate:
 * the first, then one line a minute with how many followed.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final Logger LOG = Logger.getLogger(InMemorySessionStore.class.getName());

    private final int maxSessions;
    private final int maxNewSessions;
    private final Map<String, Session> probation = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, Session> established = new LinkedHashMap<>(256, 0.75f, true);
    private final AtomicLong evictions = new AtomicLong();
    private final RateLimitedLog evictionLog = new RateLimitedLog(LOG, Level.WARNING, Duration.ofMinutes(1));

    /**
     * Creates a store with a probation part of a tenth of the cap.
     *
     * @param maxSessions the cap on established sessions, at least 1
     */
    public InMemorySessionStore(int maxSessions) {
        this(maxSessions, Math.max(1, maxSessions / 10));
    }

    /**
     * Creates a store.
     *
     * @param maxSessions the cap on established sessions (used at least twice), at least 1
     * @param maxNewSessions the cap on new sessions not used again yet, at least 1
     */
    public InMemorySessionStore(int maxSessions, int maxNewSessions) {
        if (maxSessions < 1 || maxNewSessions < 1) {
            throw new IllegalArgumentException("the session caps must be >= 1");
        }
        this.maxSessions = maxSessions;
        this.maxNewSessions = maxNewSessions;
    }

    /**
     * Finds a session; finding a new one establishes it (its visitor came back).
     *
     * @param uid the id from the cookie
     * @return the session, or empty
     */
    @Override
    public Optional<Session> find(String uid) {
        List<Session> evicted = new ArrayList<>();
        Session found;
        synchronized (this) {
            found = established.get(uid);
            if (found == null) {
                found = probation.remove(uid);
                if (found != null) {
                    established.put(uid, found);
                    trim(established, maxSessions, evicted);
                }
            }
        }
        expire(evicted, "established");
        return Optional.ofNullable(found);
    }

    @Override
    public void put(Session session) {
        List<Session> evicted = new ArrayList<>();
        synchronized (this) {
            probation.put(session.uid(), session);
            trim(probation, maxNewSessions, evicted);
        }
        expire(evicted, "new");
    }

    @Override
    public synchronized void remove(String uid) {
        if (probation.remove(uid) == null) {
            established.remove(uid);
        }
    }

    @Override
    public synchronized int size() {
        return probation.size() + established.size();
    }

    /**
     * Returns how many sessions were established (used at least twice).
     *
     * @return the count
     */
    public synchronized int established() {
        return established.size();
    }

    /**
     * Returns how many sessions were expired early because their part was full.
     *
     * @return the count since creation
     */
    public long evictions() {
        return evictions.get();
    }

    private static void trim(Map<String, Session> part, int cap, List<Session> evicted) {
        Iterator<Session> eldest = part.values().iterator();
        while (part.size() > cap && eldest.hasNext()) {
            evicted.add(eldest.next());
            eldest.remove();
        }
    }

    private void expire(List<Session> evicted, String kind) {
        for (Session old : evicted) {
            evictions.incrementAndGet();
            old.expire();
            evictionLog.record(kind + " sessions evicted", () -> "Session store full (" + maxSessions
                    + " established, " + maxNewSessions + " new sessions): expired the least recently used "
                    + kind + " session; " + evictions.get() + " evicted so far");
        }
    }
}
