package dev.braid.web.session;

import dev.braid.deferred.log.RateLimitedLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions in memory, bounded in two parts so that a flood of cookie-less
 * requests can neither exhaust memory nor push out the visitors who are
 * really using the site:
 *
 * <ul>
 *   <li>a new session waits in a small <em>probation</em> part
 *       ({@code maxNewSessions}, a tenth of the cap by default): when it is
 *       full, the oldest new session is expired;</li>
 *   <li>a session found again — its visitor came back with the cookie — is
 *       <em>established</em>, and when its turn in the probation line comes it
 *       moves to the main part ({@code maxSessions}), where only established
 *       sessions compete, the least recently used going first.</li>
 * </ul>
 *
 * <p>So 100,000 anonymous requests expire only other sessions that were never
 * used twice. Expired sessions run their {@code notifyOnExpire} callbacks.
 * Evictions are counted ({@link #evictions()}) and logged at a bounded rate:
 * the first, then one line a minute with how many followed.
 *
 * <p>Lookups are lock-free (a concurrent map; finding a session the first time
 * after its creation only sets a flag, and a request's touch only stores the
 * time in its session). Which session goes is worked out only when one must,
 * with the "second chance" clock: sessions queue in the order they joined a
 * part; the oldest in line goes unless it was used since it joined the line,
 * in which case it goes to the back.
 */
public final class InMemorySessionStore implements SessionStore {
    private static final Logger LOG = Logger.getLogger(InMemorySessionStore.class.getName());

    /** A stored session, and whether its visitor came back (set by a lookup, without a lock). */
    private static final class Entry {
        final Session session;
        volatile boolean returned;
        boolean established;   // guarded by the store's lock: in the main part's line

        Entry(Session session) {
            this.session = session;
        }
    }

    /** A session in an eviction line, with the time it joined it. */
    private record InLine(Entry entry, double since) {
    }

    private final int maxSessions;
    private final int maxNewSessions;
    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>(256);
    private final Object lock = new Object();
    private final ArrayDeque<InLine> newLine = new ArrayDeque<>();           // guarded by lock
    private final ArrayDeque<InLine> establishedLine = new ArrayDeque<>();   // guarded by lock
    private int newCount;                                                    // guarded by lock
    private int establishedCount;                                            // guarded by lock
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
     * Finds a session; finding it establishes it (its visitor came back).
     *
     * @param uid the id from the cookie
     * @return the session, or empty
     */
    @Override
    public Optional<Session> find(String uid) {
        Entry entry = sessions.get(uid);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.returned) {
            entry.returned = true;
        }
        return Optional.of(entry.session);
    }

    @Override
    public void put(Session session) {
        List<Session> evictedNew = new ArrayList<>();
        List<Session> evictedEstablished = new ArrayList<>();
        synchronized (lock) {
            Entry entry = new Entry(session);
            sessions.put(session.uid(), entry);
            newLine.addLast(new InLine(entry, session.lastModified()));
            newCount++;
            while (newCount > maxNewSessions && !newLine.isEmpty()) {
                Entry oldest = newLine.pollFirst().entry();
                if (!stored(oldest)) {
                    continue;   // expired and removed meanwhile
                }
                newCount--;
                if (oldest.returned) {
                    oldest.established = true;
                    establishedCount++;
                    establishedLine.addLast(new InLine(oldest, oldest.session.lastModified()));
                } else {
                    sessions.remove(oldest.session.uid(), oldest);
                    evictedNew.add(oldest.session);
                }
            }
            while (establishedCount > maxSessions && !establishedLine.isEmpty()) {
                InLine oldest = establishedLine.pollFirst();
                Entry candidate = oldest.entry();
                if (!stored(candidate)) {
                    continue;
                }
                if (candidate.session.lastModified() > oldest.since()) {
                    establishedLine.addLast(new InLine(candidate, candidate.session.lastModified()));   // a second chance
                    continue;
                }
                establishedCount--;
                sessions.remove(candidate.session.uid(), candidate);
                evictedEstablished.add(candidate.session);
            }
            compact(newLine, newCount);
            compact(establishedLine, establishedCount);
        }
        expire(evictedNew, "new");
        expire(evictedEstablished, "established");
    }

    @Override
    public void remove(String uid) {
        Entry removed = sessions.remove(uid);
        if (removed != null) {
            synchronized (lock) {   // its place in line is dropped when it comes up
                if (removed.established) {
                    establishedCount--;
                } else {
                    newCount--;
                }
            }
        }
    }

    @Override
    public int size() {
        return sessions.size();
    }

    /**
     * Returns how many sessions are in the main part (their visitors came back).
     *
     * @return the count
     */
    public int established() {
        synchronized (lock) {
            return establishedCount;
        }
    }

    /**
     * Returns how many sessions were expired early because their part was full.
     *
     * @return the count since creation
     */
    public long evictions() {
        return evictions.get();
    }

    private boolean stored(Entry entry) {
        return sessions.get(entry.session.uid()) == entry;
    }

    /** Drops the places of removed sessions once they are most of a line. */
    private void compact(ArrayDeque<InLine> line, int live) {
        if (line.size() > 2 * live + 1024) {
            line.removeIf(place -> !stored(place.entry()));
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
