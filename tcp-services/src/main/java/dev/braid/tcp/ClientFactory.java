package dev.braid.tcp;

import dev.braid.deferred.Failure;
import java.util.function.Supplier;

/**
 * A factory for outgoing connections (Twisted's {@code protocol.ClientFactory}),
 * told how the attempt went. These notifications run on the loop that called
 * {@link Tcp#connectTCP} (if any), the protocol's own callbacks on the
 * connection's loop.
 */
public class ClientFactory extends Factory {
    /**
     * Creates a factory of {@code protocol}s.
     *
     * @param protocol makes the protocol for the connection
     */
    public ClientFactory(Supplier<? extends Protocol> protocol) {
        super(protocol);
    }

    /** For subclasses that override {@link #buildProtocol}. */
    protected ClientFactory() {
        super(null);
    }

    /**
     * Called when the connection attempt begins.
     *
     * @param connector the attempt
     */
    public void startedConnecting(Connector connector) {
    }

    /**
     * Called when the attempt fails: refused, timed out, unknown host.
     *
     * @param connector the attempt
     * @param reason a {@code ConnectError}
     */
    public void clientConnectionFailed(Connector connector, Failure reason) {
    }

    /**
     * Called after an established connection has ended (after the protocol's
     * {@code connectionLost}).
     *
     * @param connector the attempt
     * @param reason {@code ConnectionDone} or {@code ConnectionLost}
     */
    public void clientConnectionLost(Connector connector, Failure reason) {
    }
}
