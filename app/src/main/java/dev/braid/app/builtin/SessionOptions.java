package dev.braid.app.builtin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.service.BaseService;
import dev.braid.deferred.service.MultiService;
import dev.braid.deferred.service.Service;
import dev.braid.sessions.redis.RedisSessions;
import dev.braid.web.Site;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The web plugins' session options: where sessions live ({@code --sessions
 * memory}, the default, or {@code redis://HOST:PORT/DB}, shared by every
 * server that names it) and how long an unused one lasts ({@code --session-timeout}).
 */
final class SessionOptions {
    private SessionOptions() {
    }

    /**
     * Adds {@code --sessions} and {@code --session-timeout} to a plugin's options.
     *
     * @param spec the options being built
     * @return the same builder
     */
    static OptionSpec.Builder add(OptionSpec.Builder spec) {
        return spec
                .param("sessions", (char) 0, "memory", "Where sessions live: 'memory' (this process) or "
                        + "redis://HOST:PORT/DB (a Redis server shared by every braid that names it; see docs/scale-out.md).",
                        SessionOptions::checkStore)
                .param("session-timeout", (char) 0, null, "Seconds an unused session lasts. [default: 900, and 5 for the demo's /logme]", value -> {
                    double seconds;
                    try {
                        seconds = Double.parseDouble(value.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + value + "' is not a number");
                    }
                    if (!(seconds > 0) || Double.isInfinite(seconds)) {
                        throw new IllegalArgumentException("'" + value + "' must be a finite number > 0");
                    }
                });
    }

    private static void checkStore(String value) {
        if (!value.strip().equals("memory")) {
            RedisSessions.builder(value);   // throws a message naming what is wrong
        }
    }

    /**
     * What the options make: each Site's session settings, and for Redis the
     * connections, closed once the web server has stopped.
     *
     * @param settings applied to every Site's builder
     * @param redis the Redis sessions, or null for memory
     */
    record Sessions(UnaryOperator<Site.Builder> settings, RedisSessions redis) {
        /**
         * Returns the service to run: the web server alone, or the connection to
         * Redis (made first, closed last) and the web server.
         *
         * @param name the service's name
         * @param web the web server's service
         * @return the service
         */
        Service around(String name, Service web) {
            if (redis == null) {
                return web;
            }
            MultiService both = new MultiService(name);
            new RedisService(redis).setServiceParent(both);   // starts first, stops last (after the web server)
            web.setServiceParent(both);
            return both;
        }
    }

    /**
     * Reads the options; with Redis, the connection is made when {@link Sessions#around}'s service starts.
     *
     * @param options the parsed options
     * @return the session settings
     * @throws UsageError never for a checked value; kept for symmetry with other options
     */
    static Sessions parse(ParsedOptions options) throws UsageError {
        // Only when given: the demo's /logme keeps its own 5-second sessions otherwise.
        UnaryOperator<Site.Builder> timeout = options.given("session-timeout")
                ? builder -> builder.sessionTimeout(Duration.ofMillis(Math.round(options.number("session-timeout") * 1000)))
                : UnaryOperator.identity();
        String where = options.string("sessions").strip();
        if (where.equals("memory")) {
            return new Sessions(timeout, null);
        }
        RedisSessions redis;
        try {
            redis = RedisSessions.builder(where).create();   // connects when the service starts, once logging is set up
        } catch (IllegalArgumentException e) {
            throw new UsageError("--sessions: " + e.getMessage());
        }
        return new Sessions(builder -> timeout.apply(builder).sessionStore(redis.newStore()), redis);
    }

    /** Connects to Redis when starting, and closes the connections when stopped. */
    private static final class RedisService extends BaseService {
        private final RedisSessions redis;

        RedisService(RedisSessions redis) {
            this.redis = redis;
            setName("sessions");
        }

        /** Before the web server binds its ports: its first requests then find Redis connected. */
        @Override
        public void privilegedStartService() {
            super.privilegedStartService();
            redis.connect();
        }

        @Override
        public Deferred<?> stopService() {
            Deferred<?> stopped = super.stopService();
            redis.close();
            return stopped;
        }
    }
}
