package dev.braid.sessions.redis;

import dev.braid.web.session.Session;
import dev.braid.web.session.SessionBacking;
import dev.braid.web.session.SessionManager;
import dev.braid.web.session.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Site's sessions kept in Redis (made by {@link RedisSessions#newStore()}).
 *
 * <p>This process keeps an object per session it serves, so a request whose
 * session it confirmed recently costs no round trip to look up: the session's
 * Redis expiry is known to lie ahead (this server pushed it), and a server that
 * expires a session announces it on a channel every server listens to. After a
 * reconnection (announcements may have been missed) or once the expiry it knows
 * of has passed, the next lookup checks with Redis again.
 *
 * <p>{@code notifyOnExpire} callbacks run on the server whose object of the
 * session they were added to: when the session is expired there, when another
 * server expires it (announced over pub/sub, within milliseconds), or when
 * Redis's TTL ends it — each server's own timer, once the session has been idle
 * there a whole timeout, asks Redis for the time left and checks again then, so
 * the callbacks run within milliseconds of Redis dropping the key. A server
 * that was down at that moment never runs them (its objects died with it).
 */
public final class RedisSessionStore implements SessionStore {
    private final RedisLink link;
    private final String keyPrefix;
    private final String channel;
    private final int maxLocalSessions;
    private final ConcurrentHashMap<String, Session> local = new ConcurrentHashMap<>(256);
    private final ReentrantLock trimming = new ReentrantLock();
    private volatile SessionManager manager;

    RedisSessionStore(RedisLink link, String keyPrefix, String channel, int maxLocalSessions) {
        this.link = link;
        this.keyPrefix = keyPrefix;
        this.channel = channel;
        this.maxLocalSessions = maxLocalSessions;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if another Site's manager already uses this store (make one store per Site)
     */
    @Override
    public synchronized void bind(SessionManager sessionManager) {
        if (manager != null && manager != sessionManager) {
            throw new IllegalStateException("a RedisSessionStore serves one Site: make one per Site with RedisSessions.newStore()");
        }
        manager = sessionManager;
    }

    @Override
    public Optional<SessionBacking> backing(Session session) {
        return Optional.of(new RedisBacking(this, session));
    }

    /**
     * Finds a live session: this process's object if Redis surely still has
     * the session, else after asking Redis (adopting a session another server
     * made). A cookie that is not 64 hex characters is not looked up.
     *
     * @throws dev.braid.web.session.SessionsUnavailableException when Redis had to be asked and did not answer
     */
    @Override
    public Optional<Session> find(String uid) {
        if (!SessionManager.isWellFormed(uid)) {
            return Optional.empty();
        }
        Session held = local.get(uid);
        if (held != null && held.isExpired()) {
            local.remove(uid, held);
            held = null;
        }
        if (held != null && RedisBacking.of(held).isFresh()) {
            return Optional.of(held);
        }
        SessionManager sessions = manager();
        Session session = held != null ? held : sessions.adopt(uid);
        boolean alive;
        try {
            alive = RedisBacking.of(session).refreshNow();
        } catch (RuntimeException e) {
            if (held == null) {
                sessions.release(session);
            }
            throw e;
        }
        if (!alive) {
            if (held == null) {
                sessions.release(session);
            } else {
                RedisBacking.of(held).gone();
            }
            return Optional.empty();
        }
        if (held != null) {
            return Optional.of(held);
        }
        Session raced = local.putIfAbsent(uid, session);
        if (raced != null) {
            sessions.release(session);
            return Optional.of(raced);
        }
        trimIfFull();
        return Optional.of(session);
    }

    /** Only while {@link #find} would return it without asking Redis. */
    @Override
    public boolean isCurrent(Session session) {
        return !session.isExpired() && local.get(session.uid()) == session && RedisBacking.of(session).isFresh();
    }

    /**
     * Stores a new session in Redis, waiting for Redis to have it, so the
     * visitor's next request finds it on any server.
     *
     * @throws dev.braid.web.session.SessionsUnavailableException when Redis did not answer
     */
    @Override
    public void put(Session session) {
        RedisBacking.of(session).create();
        local.put(session.uid(), session);
        trimIfFull();
    }

    /**
     * Forgets an expired session: deletes it in Redis and announces it to the
     * other servers, unless it is already gone there. Never throws: during an
     * outage the session stays in Redis until its TTL ends it.
     */
    @Override
    public void remove(String uid) {
        Session held = local.remove(uid);
        if (held != null && RedisBacking.of(held).isGone()) {
            return;
        }
        try {
            link.call(redis -> Script.DELETE.run(redis, new String[] {keyPrefix + uid}, channel, uid));
        } catch (RuntimeException e) {
            // the outage is logged once by the link; Redis's TTL ends the session in time
        }
    }

    /**
     * Returns how many sessions this process holds objects of (not how many Redis has).
     *
     * @return the count
     */
    @Override
    public int size() {
        return local.size();
    }

    /** Another server expired a session: expire this process's object of it, if any. */
    void expiredElsewhere(String uid) {
        Session held = local.get(uid);
        if (held != null) {
            RedisBacking.of(held).gone();
        }
    }

    RedisLink link() {
        return link;
    }

    String key(String uid) {
        return keyPrefix + uid;
    }

    SessionManager manager() {
        SessionManager current = manager;
        if (current == null) {
            throw new IllegalStateException("this RedisSessionStore is not used by a Site yet");
        }
        return current;
    }

    /** Over the cap: forget the least recently used quarter here (they live on in Redis). */
    private void trimIfFull() {
        if (local.size() <= maxLocalSessions || !trimming.tryLock()) {
            return;
        }
        try {
            List<Session> held = new ArrayList<>(local.values());
            held.sort(Comparator.comparingDouble(Session::lastModified));
            int excess = held.size() - maxLocalSessions;
            int count = Math.min(held.size(), Math.max(excess, maxLocalSessions / 4));
            SessionManager sessions = manager();
            for (Session session : held.subList(0, count)) {
                if (local.remove(session.uid(), session)) {
                    sessions.release(session);
                }
            }
        } finally {
            trimming.unlock();
        }
    }
}
