package dev.braid.tcp.poetry;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Failure;
import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.service.BaseService;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.ServerFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The caching poetry proxy (the tutorial's proxy with {@code maybeDeferred}):
 * serves the poem of an upstream poetry server, fetching it once and keeping
 * it for {@code maxAgeSeconds} (two hours by default).
 *
 * <p>Clients that arrive while the cache is empty share one upstream fetch:
 * they wait together and are answered together; if the fetch fails, they all
 * fail and the cache stays empty, so the next client tries again. A failed
 * fetch is logged once, in one line naming the upstream and the reason,
 * however many clients were waiting; their connections are just closed.
 * The poem is served as the bytes the upstream sent. Thread-safe: clients
 * arrive on their own connection loops.
 *
 * <p>A poem longer than {@code maxPoemBytes} (1 MiB by default) fails the
 * fetch as soon as the cap is passed — the upstream connection is aborted,
 * nothing is cached, and the waiting clients are disconnected — so a hostile
 * or broken upstream cannot grow the proxy's memory.
 */
public final class PoetryProxyService extends BaseService {
    /** The tutorial's cache lifetime. */
    public static final double TWO_HOURS = 2 * 60 * 60;
    /** The default cap on a poem's size: 1 MiB. */
    public static final long DEFAULT_MAX_POEM_BYTES = 1L << 20;

    private final String upstreamHost;
    private final int upstreamPort;
    private final double maxAgeSeconds;
    private final ReactorTime clock;
    private final long maxPoemBytes;
    private byte[] poem;
    private double fetchedAt;
    private List<Deferred<byte[]>> waiters;
    private int upstreamFetches;

    /**
     * Creates the proxy.
     *
     * @param upstreamHost the poetry server
     * @param upstreamPort its port
     * @param maxAgeSeconds how long a fetched poem is served
     * @param clock the time source for the cache's age
     */
    public PoetryProxyService(String upstreamHost, int upstreamPort, double maxAgeSeconds, ReactorTime clock) {
        this(upstreamHost, upstreamPort, maxAgeSeconds, clock, DEFAULT_MAX_POEM_BYTES);
    }

    /**
     * Creates the proxy with a cap on the poem's size.
     *
     * @param upstreamHost the poetry server
     * @param upstreamPort its port
     * @param maxAgeSeconds how long a fetched poem is served
     * @param clock the time source for the cache's age
     * @param maxPoemBytes the longest poem fetched and cached, in bytes
     */
    public PoetryProxyService(String upstreamHost, int upstreamPort, double maxAgeSeconds, ReactorTime clock,
                              long maxPoemBytes) {
        super("poetry-proxy");
        if (maxPoemBytes < 1) {
            throw new IllegalArgumentException("the poem size cap must be at least 1 byte");
        }
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.maxAgeSeconds = maxAgeSeconds;
        this.clock = clock;
        this.maxPoemBytes = maxPoemBytes;
    }

    /**
     * Returns the poem: from the cache at once ({@code succeed}), or after the
     * one upstream fetch in flight.
     *
     * @return a Deferred of the poem's bytes
     */
    public Deferred<byte[]> getPoem() {
        boolean fetch;
        Deferred<byte[]> waiter;
        synchronized (this) {
            if (poem != null && clock.seconds() - fetchedAt < maxAgeSeconds) {
                return Deferreds.succeed(poem);
            }
            poem = null;
            waiter = new Deferred<>();
            fetch = waiters == null;
            if (fetch) {
                waiters = new ArrayList<>();
                upstreamFetches++;
            }
            waiters.add(waiter);
        }
        if (fetch) {
            Log.msg("Fetching poem from server " + upstreamHost + ":" + upstreamPort);
            PoetryClient.getPoetryBytes(upstreamHost, upstreamPort, 30, maxPoemBytes).addCallbacks(fetched -> {
                settle(fetched, null);
                return null;
            }, failure -> {
                Log.msg("Failed to fetch poem from server " + upstreamHost + ":" + upstreamPort + ": "
                        + failure.type().getSimpleName() + ": " + failure.getErrorMessage());
                settle(null, failure);
                return null;
            });
        }
        return waiter;
    }

    private void settle(byte[] fetched, Failure failure) {
        List<Deferred<byte[]>> answered;
        synchronized (this) {
            answered = waiters;
            waiters = null;
            if (fetched != null) {
                poem = fetched;
                fetchedAt = clock.seconds();
            }
        }
        for (Deferred<byte[]> waiter : answered) {
            if (failure == null) {
                waiter.callback(fetched);
            } else {
                waiter.errback(failure);
            }
        }
    }

    /**
     * Returns how many times the upstream server was asked.
     *
     * @return the count
     */
    public synchronized int upstreamFetches() {
        return upstreamFetches;
    }

    /**
     * Returns the factory of the proxy's server side: each client gets the
     * poem, then the connection closes; when the fetch failed, the connection
     * just closes (the failure was logged once, by the fetch).
     *
     * @return the factory
     */
    public ServerFactory factory() {
        PoetryProxyService service = this;
        return new ServerFactory() {
            @Override
            public Protocol buildProtocol(InetSocketAddress address) {
                Protocol protocol = new Protocol() {
                    @Override
                    public void connectionMade() {
                        Deferreds.callDeferred(service::getPoem).addCallbacks(fetched -> {
                            transport().write(fetched);
                            transport().loseConnection();
                            return null;
                        }, failure -> {
                            transport().loseConnection();
                            return null;
                        });
                    }
                };
                protocol.setFactory(this);
                return protocol;
            }
        };
    }
}
