package dev.braid.sessions.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connections to Redis: one for commands, shared by every request (Lettuce
 * pipelines them), and one subscribed to the channel on which servers announce
 * the sessions they expire. Both reconnect by themselves (at most a second
 * apart); meanwhile commands are refused at once rather than queued, so a
 * request never waits for Redis longer than the command timeout. If Redis is
 * not there at start-up, a background thread keeps trying.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisSessions.class.getName());
    /**
     * Lettuce logs every reconnection attempt (twice a second per connection
     * during an outage); the outage is logged once by {@link Outage}, so these
     * say only what is worse than a warning, unless logging.properties sets their
     * level. Held here: java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> RECONNECTION_LOGGERS = quiet("io.lettuce.core.protocol.ConnectionWatchdog",
            "io.lettuce.core.protocol.ReconnectionHandler");

    private final RedisAddress address;
    private final RedisURI uri;
    private final Duration timeout;
    private final String channel;
    private final Consumer<String> expiredElsewhere;
    private final ClientResources resources;
    private final RedisClient client;
    private final Outage outage;
    private final AtomicLong epoch = new AtomicLong();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean closed;
    private Thread connector;
    private boolean started;                        // guarded by this
    private final Object changes = new Object();
    private long changeCount;                       // guarded by changes

    RedisLink(RedisAddress address, Duration timeout, String channel, Consumer<String> expiredElsewhere) {
        this.address = address;
        this.uri = address.toRedisUri(timeout);
        this.timeout = timeout;
        this.channel = channel;
        this.expiredElsewhere = expiredElsewhere;
        this.outage = new Outage(address.toString());
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress remote) {
                epoch.incrementAndGet();   // announcements may have been missed while away
                signalChange();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                epoch.incrementAndGet();
            }
        });
    }

    private static List<Logger> quiet(String... names) {
        List<Logger> loggers = new ArrayList<>();
        for (String name : names) {
            Logger logger = Logger.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.SEVERE);
            }
            loggers.add(logger);
        }
        return List.copyOf(loggers);
    }

    /** Connects now if Redis is there, else (the outage is logged) keeps trying in the background. Once. */
    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (!tryConnect()) {
            connector = Thread.ofVirtual().name("redis-connect").start(this::keepTrying);
        }
    }

    private void keepTrying() {
        long pause = 50;
        while (!closed && connection == null) {
            try {
                Thread.sleep(pause);   // a retry pause, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            pause = Math.min(pause * 2, 1000);
            tryConnect();
        }
    }

    private synchronized boolean tryConnect() {
        if (closed || connection != null) {
            return connection != null;
        }
        StatefulRedisConnection<String, String> commands = null;
        StatefulRedisPubSubConnection<String, String> pubSub = null;
        try {
            commands = client.connect(StringCodec.UTF8, uri);
            pubSub = client.connectPubSub(StringCodec.UTF8, uri);
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String uid) {
                    expiredElsewhere.accept(uid);
                }
            });
            pubSub.sync().subscribe(channel);
            subscription = pubSub;
            connection = commands;
            epoch.incrementAndGet();
            outage.succeeded(System.nanoTime());
            LOG.info("Sessions are kept in Redis at " + address);
            signalChange();
            return true;
        } catch (RuntimeException e) {
            if (commands != null) {
                commands.closeAsync();
            }
            if (pubSub != null) {
                pubSub.closeAsync();
            }
            outage.failed(e);
            return false;
        }
    }

    /**
     * Sends a command on the shared connection and waits for its reply, at
     * most the command timeout and a second.
     *
     * @param command sends the command
     * @return the reply
     * @throws dev.braid.web.session.SessionsUnavailableException when Redis is not connected or did not answer
     * @throws RedisCommandExecutionException when Redis answered with an error
     */
    <T> T call(Function<RedisAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
        long sent = System.nanoTime();
        CompletionStage<T> reply = command.apply(commands(sent));
        try {
            T value = reply.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            outage.succeeded(sent);
            return value;
        } catch (ExecutionException | CompletionException e) {
            throw failure(sent, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            throw outage.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw outage.failed(e);
        }
    }

    /**
     * Sends a command whose reply nobody waits for (a refresh, a question from a
     * timer); the outage books are kept when it comes.
     *
     * @param command sends the command
     * @return the reply
     * @throws dev.braid.web.session.SessionsUnavailableException when Redis is not connected
     */
    <T> CompletionStage<T> send(Function<RedisAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
        long sent = System.nanoTime();
        CompletionStage<T> reply = command.apply(commands(sent));
        reply.whenComplete((value, error) -> {
            if (error == null) {
                outage.succeeded(sent);
            } else {
                failure(sent, error);
            }
        });
        return reply;
    }

    private RedisAsyncCommands<String, String> commands(long sent) {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            throw outage.failed(new IllegalStateException(closed ? "closed" : "not connected yet"));
        }
        return current.async();
    }

    /** Counts connections and disconnections: what was confirmed in an older epoch must be checked again. */
    long epoch() {
        return epoch.get();
    }

    /** An error reply stays an error; anything else (and "loading", after a restart) is an outage. */
    private RuntimeException failure(long sent, Throwable error) {
        Throwable cause = unavailable(error);
        if (cause instanceof RedisCommandExecutionException reply) {
            outage.succeeded(sent);
            return reply;
        }
        return outage.failed(cause);
    }

    private static Throwable unavailable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof RedisLoadingException ? new IllegalStateException(cause.getMessage(), cause) : cause;
    }

    /**
     * Waits until Redis answers a PING, at most {@code patience}: for tests and
     * start-up checks that must not guess how long a reconnection takes.
     *
     * @return whether it answered in time
     */
    boolean awaitAnswering(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long seen;
            synchronized (changes) {
                seen = changeCount;
            }
            try {
                if ("PONG".equals(call(RedisAsyncCommands::ping))) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            synchronized (changes) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                if (changeCount == seen) {
                    changes.wait(Math.min(left, 100));   // a reconnection wakes this; the bound covers its handshake
                }
            }
        }
    }

    private void signalChange() {
        synchronized (changes) {
            changeCount++;
            changes.notifyAll();
        }
    }

    /** Whether the last operation failed for want of Redis. */
    boolean isDown() {
        return outage.isDown() || connection == null;
    }

    @Override
    public String toString() {
        return address.toString();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connector != null) {
            connector.interrupt();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));   // closes both connections
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
