package dev.braid.sessions.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Sessions kept in Redis, so that several Braid servers share their visitors'
 * sessions and a restarted server loses none. One {@code RedisSessions} holds
 * the connections to one Redis server; each {@link dev.braid.web.Site} gets its
 * own {@link RedisSessionStore} from {@link #newStore()}.
 *
 * <pre>{@code
 * RedisSessions redis = RedisSessions.builder("redis://127.0.0.1:6379/0").build();
 * Site site = Site.builder(root).sessionStore(redis.newStore()).build();
 * ...
 * redis.close();   // after the web server has stopped
 * }</pre>
 *
 * <p>How a session is kept (the codec): a Redis hash under
 * {@code braid:session:<id>} (the prefix is {@link Builder#keyPrefix}) with the
 * field {@code created} (seconds since 1970) and one field {@code v:<name>} per
 * value of {@link dev.braid.web.session.SessionValues}, as its text; counters
 * are decimal integers changed with HINCRBY. The hash expires by Redis's own
 * TTL: the session's timeout plus a slack of a tenth of it (at most 60 s),
 * pushed further by each server at most once per slack while the session is
 * used there, and by every value written. So a session expires between its
 * timeout and its timeout plus the slack after its last use on any server.
 *
 * <p>{@link Builder#build()} connects at once if Redis is there; if not, it logs so and keeps
 * trying in the background, and requests that need a session get 503 until it
 * connects. An outage later on is logged once when it starts and once when it
 * ends. Thread-safe.
 */
public final class RedisSessions implements AutoCloseable {
    private final RedisAddress address;
    private final String keyPrefix;
    private final String channel;
    private final int maxLocalSessions;
    private final RedisLink link;
    private final Set<RedisSessionStore> stores = new CopyOnWriteArraySet<>();

    private RedisSessions(Builder builder) {
        this.address = builder.address;
        this.keyPrefix = builder.keyPrefix;
        this.channel = builder.keyPrefix + "expired";
        this.maxLocalSessions = builder.maxLocalSessions;
        this.link = new RedisLink(address, builder.commandTimeout, channel, this::expiredElsewhere);
    }

    /**
     * Starts configuring sessions in Redis.
     *
     * @param uri {@code redis://HOST:PORT/DB} (port 6379 and database 0 when
     *            left out; {@code rediss://} for TLS; {@code redis://:PASSWORD@HOST})
     * @return a builder
     * @throws IllegalArgumentException saying what is wrong with {@code uri}
     */
    public static Builder builder(String uri) {
        return new Builder(RedisAddress.parse(Objects.requireNonNull(uri, "uri")));
    }

    /**
     * Makes a store for one Site. Stores of one {@code RedisSessions} share its
     * connections; each keeps its own objects of the sessions it serves.
     *
     * @return a new store
     */
    public RedisSessionStore newStore() {
        RedisSessionStore store = new RedisSessionStore(link, keyPrefix, channel, maxLocalSessions);
        stores.add(store);
        return store;
    }

    /**
     * Says whether Redis answered the last operation.
     *
     * @return false during an outage and before the first connection
     */
    public boolean isAvailable() {
        return !link.isDown();
    }

    /**
     * Returns where Redis is, without the password.
     *
     * @return such as {@code redis://127.0.0.1:6379/0}
     */
    public String target() {
        return address.toString();
    }

    /**
     * Connects to Redis if Redis is there; if not, logs so and keeps trying in
     * the background (requests that need a session get 503 meanwhile). Does
     * nothing the second time. {@link Builder#build()} calls it;
     * {@link Builder#create()} leaves it to the application's start.
     *
     * @return this
     */
    public RedisSessions connect() {
        link.start();
        return this;
    }

    /**
     * Waits until Redis answers, at most {@code patience}: for start-up scripts
     * and tests that must know the sessions work before sending traffic.
     *
     * @param patience the longest wait
     * @return whether Redis answered in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitAvailable(Duration patience) throws InterruptedException {
        return link.awaitAnswering(patience);
    }

    /** Closes the connections; stores made by this object then answer 503. Call it after the web server stopped. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "RedisSessions[" + address + "]";
    }

    /** Another server (or this one) expired a session: each store expires its own object of it, if any. */
    private void expiredElsewhere(String uid) {
        for (RedisSessionStore store : stores) {
            store.expiredElsewhere(uid);
        }
    }

    /** Configures {@link RedisSessions}. */
    public static final class Builder {
        private final RedisAddress address;
        private Duration commandTimeout = Duration.ofSeconds(2);
        private String keyPrefix = "braid:session:";
        private int maxLocalSessions = 100_000;

        private Builder(RedisAddress address) {
            this.address = address;
        }

        /**
         * Sets how long a Redis command may take (2 s by default); a request
         * whose command takes longer gets 503.
         *
         * @param timeout the limit, positive
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the command timeout must be positive");
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Sets the prefix of the sessions' keys ({@code braid:session:} by
         * default), so that several applications can share one Redis database.
         *
         * @param prefix the prefix
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Caps how many session objects each store keeps in this process
         * (100,000 by default). Beyond it, the least recently used quarter is
         * forgotten here — their sessions live on in Redis and are picked up
         * again by their next request, but their notifyOnExpire callbacks no
         * longer run on this server.
         *
         * @param max the cap, at least 1
         * @return this builder
         */
        public Builder maxLocalSessions(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxLocalSessions must be >= 1");
            }
            this.maxLocalSessions = max;
            return this;
        }

        /**
         * Makes the sessions and connects (or starts trying to).
         *
         * @return the sessions in Redis
         */
        public RedisSessions build() {
            return create().connect();
        }

        /**
         * Makes the sessions without connecting yet: for an application that
         * connects when it starts ({@link RedisSessions#connect()}), after its
         * logging is set up. Until then, requests that need a session get 503.
         *
         * @return the sessions in Redis, not connected
         */
        public RedisSessions create() {
            return new RedisSessions(this);
        }
    }
}
