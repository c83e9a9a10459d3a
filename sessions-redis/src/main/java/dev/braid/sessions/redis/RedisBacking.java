package dev.braid.sessions.redis;

import dev.braid.web.session.Session;
import dev.braid.web.session.SessionBacking;
import dev.braid.web.session.SessionExpiredException;
import dev.braid.web.session.SessionValues;
import dev.braid.web.session.SessionsUnavailableException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * One session's side in Redis: its values (hash fields {@code v:<name>}), its
 * TTL pushed on use at most once per slack, and what this process knows of its
 * life there (confirmed until when, in which connection epoch; gone).
 */
final class RedisBacking implements SessionBacking, SessionValues {
    private static final String VALUE = "v:";

    private final RedisSessionStore store;
    private final RedisLink link;
    private final Session session;
    private final String key;
    private final long ttlMillis;
    private final long slackNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile long lastRefreshSent;
    private volatile long confirmedUntil;
    private volatile long confirmedEpoch = -1;
    private volatile boolean gone;

    RedisBacking(RedisSessionStore store, Session session) {
        this.store = store;
        this.link = store.link();
        this.session = session;
        this.key = store.key(session.uid());
        double timeout = session.sessionTimeout();
        double slack = Math.min(timeout / 10, 60);
        this.ttlMillis = Math.max(1, Math.round((timeout + slack) * 1000));
        this.slackNanos = Math.round(slack * 1e9);
        this.lastRefreshSent = System.nanoTime() - slackNanos - 1;
    }

    /** The backing of a session of a RedisSessionStore (its values are its backing). */
    static RedisBacking of(Session session) {
        if (session.values() instanceof RedisBacking backing) {
            return backing;
        }
        throw new IllegalStateException(session + " is not kept in Redis");
    }

    @Override
    public SessionValues values() {
        return this;
    }

    // ------------------------------------------------------------------ life in Redis

    /** Writes a new session to Redis and waits for the reply. */
    void create() {
        long sent = System.nanoTime();
        long epoch = link.epoch();
        link.call(redis -> Script.CREATE.run(redis, new String[] {key},
                Long.toString(System.currentTimeMillis() / 1000), Long.toString(ttlMillis)));
        confirm(sent, epoch);
    }

    /** Pushes the TTL now and waits: true if Redis still has the session. */
    boolean refreshNow() {
        long sent = System.nanoTime();
        long epoch = link.epoch();
        boolean alive = Boolean.TRUE.equals(link.call(redis -> redis.pexpire(key, ttlMillis)));
        if (alive) {
            confirm(sent, epoch);
        }
        return alive;
    }

    /** Whether Redis surely still has the session: this server pushed its expiry past now, and has missed no announcement since. */
    boolean isFresh() {
        return !gone && confirmedEpoch == link.epoch() && System.nanoTime() - confirmedUntil < 0;
    }

    boolean isGone() {
        return gone;
    }

    /** The session is gone from Redis: expire this process's object, on the session clock's thread. */
    void gone() {
        gone = true;
        if (!session.isExpired()) {
            store.manager().clock().callLater(0, session::expire);
        }
    }

    @Override
    public void touched(Session touched) {
        long now = System.nanoTime();
        if (gone || now - lastRefreshSent < slackNanos || !refreshing.compareAndSet(false, true)) {
            return;
        }
        lastRefreshSent = now;
        long epoch = link.epoch();
        CompletionStage<Boolean> reply;
        try {
            reply = link.send(redis -> redis.pexpire(key, ttlMillis));
        } catch (SessionsUnavailableException e) {
            refreshing.set(false);
            return;
        }
        reply.whenComplete((alive, error) -> {
            refreshing.set(false);
            if (error == null && alive) {
                confirm(now, epoch);
            } else if (error == null) {
                gone();
            }
        });
    }

    @Override
    public void idle(Session idle, DoubleConsumer verdict) {
        double retry = Math.min(session.sessionTimeout(), 5);
        if (gone) {
            verdict.accept(0);
            return;
        }
        CompletionStage<Long> reply;
        try {
            reply = link.send(redis -> redis.pttl(key));
        } catch (SessionsUnavailableException e) {
            verdict.accept(retry);
            return;
        }
        reply.whenComplete((millis, error) -> {
            if (error != null) {
                verdict.accept(retry);
            } else if (millis == -2) {
                gone = true;
                verdict.accept(0);
            } else if (millis < 0) {
                verdict.accept(session.sessionTimeout());   // no TTL: not one of ours to end
            } else {
                verdict.accept(Math.max(millis, 1) / 1000.0);
            }
        });
    }

    // ------------------------------------------------------------------ values

    @Override
    public long increment(String name, long delta) {
        long sent = System.nanoTime();
        long epoch = link.epoch();
        Long value;
        try {
            value = link.call(redis -> Script.INCREMENT.run(redis, new String[] {key}, Long.toString(ttlMillis),
                    VALUE + name, Long.toString(delta)));
        } catch (RedisCommandExecutionException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("not an integer")) {
                throw new IllegalStateException("session value '" + name + "' is not a decimal integer", e);
            }
            if (message.contains("overflow")) {
                throw new IllegalStateException("session counter '" + name + "' would overflow", e);
            }
            throw e;
        }
        if (value == null) {
            throw expiredUnderUs();
        }
        confirm(sent, epoch);
        return value;
    }

    @Override
    public Optional<String> get(String name) {
        List<KeyValue<String, String>> reply = link.call(redis -> redis.hmget(key, "created", VALUE + name));
        if (reply.isEmpty() || !reply.getFirst().hasValue()) {
            throw expiredUnderUs();
        }
        return reply.get(1).hasValue() ? Optional.of(reply.get(1).getValue()) : Optional.empty();
    }

    @Override
    public void put(String name, String value) {
        long sent = System.nanoTime();
        long epoch = link.epoch();
        if (link.call(redis -> Script.PUT.run(redis, new String[] {key}, Long.toString(ttlMillis), VALUE + name, value)) == null) {
            throw expiredUnderUs();
        }
        confirm(sent, epoch);
    }

    @Override
    public void remove(String name) {
        link.call(redis -> redis.hdel(key, VALUE + name));
    }

    // ------------------------------------------------------------------ helpers

    /** Redis pushed the expiry to {@code sent} + TTL or later: until then the session surely lives. */
    private void confirm(long sent, long epoch) {
        confirmedUntil = sent + ttlMillis * 1_000_000L;
        confirmedEpoch = epoch;
        lastRefreshSent = sent;
    }

    private SessionExpiredException expiredUnderUs() {
        gone();
        return new SessionExpiredException(session.uid());
    }
}
