package dev.braid.tcp.poetry;

import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.service.MultiService;
import dev.braid.tcp.TCPServer;
import dev.braid.tcp.TimeoutFactory;
import java.nio.file.Path;

/**
 * Ready-made service trees for the poetry programs, for the {@code braid}
 * launcher's plugins and deployment files: each is a MultiService holding the
 * poem or transform service and its {@link TCPServer}(s).
 */
public final class PoetryServices {
    private PoetryServices() {
    }

    /**
     * The fast poetry server.
     *
     * @param port the port, 0 for any
     * @param iface the interface, null for all
     * @param poem the poem file
     * @return the service tree
     */
    public static MultiService fastPoetry(int port, String iface, Path poem) {
        MultiService top = new MultiService("fastpoetry-" + port);
        PoetryService poetry = new PoetryService(poem);
        poetry.setServiceParent(top);
        new TCPServer(port, iface, FastPoetry.factory(poetry)).setServiceParent(top);
        return top;
    }

    /**
     * The slow poetry server.
     *
     * @param port the port
     * @param iface the interface
     * @param poem the poem file
     * @param pace bytes per chunk and delay between chunks
     * @return the service tree
     */
    public static MultiService slowPoetry(int port, String iface, Path poem, SlowPoetry.Pace pace) {
        MultiService top = new MultiService("slowpoetry-" + port);
        PoetryService poetry = new PoetryService(poem);
        poetry.setServiceParent(top);
        new TCPServer(port, iface, SlowPoetry.factory(poetry, pace)).setServiceParent(top);
        return top;
    }

    /** How long a transform client may send nothing before it is disconnected, by default. */
    public static final double TRANSFORM_IDLE_TIMEOUT = 60;

    /**
     * The transform server: netstrings on {@code port}, and lines on
     * {@code linePort} unless it is negative; a client idle for
     * {@link #TRANSFORM_IDLE_TIMEOUT} seconds is disconnected.
     *
     * @param port the netstring port
     * @param linePort the line-protocol port, or -1 for none
     * @param iface the interface
     * @return the service tree
     */
    public static MultiService transform(int port, int linePort, String iface) {
        return transform(port, linePort, iface, TRANSFORM_IDLE_TIMEOUT);
    }

    /**
     * The transform server with an idle timeout: a client that sends nothing
     * (half a netstring included) for {@code idleTimeoutSeconds} is disconnected.
     *
     * @param port the netstring port
     * @param linePort the line-protocol port, or -1 for none
     * @param iface the interface
     * @param idleTimeoutSeconds the idle timeout
     * @return the service tree
     */
    public static MultiService transform(int port, int linePort, String iface, double idleTimeoutSeconds) {
        MultiService top = new MultiService("transform-" + port);
        TransformService transforms = new TransformService();
        transforms.setServiceParent(top);
        new TCPServer(port, iface, TimeoutFactory.wrap(TransformProtocols.netstring(transforms), idleTimeoutSeconds))
                .setServiceParent(top);
        if (linePort >= 0) {
            new TCPServer(linePort, iface, TimeoutFactory.wrap(TransformProtocols.lines(transforms), idleTimeoutSeconds))
                    .setServiceParent(top);
        }
        return top;
    }

    /**
     * The caching poetry proxy.
     *
     * @param port the proxy's port
     * @param iface the interface
     * @param upstreamHost the poetry server
     * @param upstreamPort its port
     * @param maxAgeSeconds the cache lifetime
     * @param clock the time source of the cache
     * @return the service tree
     */
    public static MultiService poetryProxy(int port, String iface, String upstreamHost, int upstreamPort,
                                           double maxAgeSeconds, ReactorTime clock) {
        return poetryProxy(port, iface, upstreamHost, upstreamPort, maxAgeSeconds, clock,
                PoetryProxyService.DEFAULT_MAX_POEM_BYTES);
    }

    /**
     * The caching poetry proxy with a cap on the poem's size.
     *
     * @param port the proxy's port
     * @param iface the interface
     * @param upstreamHost the poetry server
     * @param upstreamPort its port
     * @param maxAgeSeconds the cache lifetime
     * @param clock the time source of the cache
     * @param maxPoemBytes the longest poem fetched and cached
     * @return the service tree
     */
    public static MultiService poetryProxy(int port, String iface, String upstreamHost, int upstreamPort,
                                           double maxAgeSeconds, ReactorTime clock, long maxPoemBytes) {
        MultiService top = new MultiService("poetry-proxy-" + port);
        PoetryProxyService proxy = new PoetryProxyService(upstreamHost, upstreamPort, maxAgeSeconds, clock,
                maxPoemBytes);
        proxy.setServiceParent(top);
        new TCPServer(port, iface, proxy.factory()).setServiceParent(top);
        return top;
    }
}
