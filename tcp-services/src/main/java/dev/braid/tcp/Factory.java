package dev.braid.tcp;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Makes a {@link Protocol} for each connection (Twisted's {@code protocol.Factory}),
 * and holds what the protocols share. {@link #startFactory()} runs when the
 * first port or connector starts using it, {@link #stopFactory()} when the last
 * one stops.
 *
 * <pre>{@code
 * ServerFactory factory = ServerFactory.forProtocol(Echo::new);
 * }</pre>
 */
public abstract class Factory {
    private final Supplier<? extends Protocol> protocol;
    private int users;

    /**
     * Creates a factory whose {@link #buildProtocol} uses {@code protocol}.
     *
     * @param protocol makes one protocol per connection; may be null if
     *     {@link #buildProtocol} is overridden
     */
    protected Factory(Supplier<? extends Protocol> protocol) {
        this.protocol = protocol;
    }

    /**
     * Builds the protocol for a new connection, with this factory set on it.
     *
     * @param address the peer's address
     * @return the protocol, or null to refuse the connection
     */
    public Protocol buildProtocol(InetSocketAddress address) {
        if (protocol == null) {
            throw new IllegalStateException(getClass().getName() + " must override buildProtocol");
        }
        Protocol built = protocol.get();
        built.setFactory(this);
        return built;
    }

    /** Called when the factory starts being used. */
    public void startFactory() {
    }

    /** Called when the factory stops being used. */
    public void stopFactory() {
    }

    /** Counts a new user; the first one starts the factory. */
    public final synchronized void doStart() {
        if (users++ == 0) {
            startFactory();
        }
    }

    /** Counts a user leaving; the last one stops the factory. */
    public final synchronized void doStop() {
        if (users > 0 && --users == 0) {
            stopFactory();
        }
    }
}
