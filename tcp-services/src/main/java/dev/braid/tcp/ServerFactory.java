package dev.braid.tcp;

import java.util.function.Supplier;

/**
 * A factory for listening ports (Twisted's {@code protocol.ServerFactory}).
 *
 * <pre>{@code
 * ListeningPort port = Tcp.listenTCP(0, ServerFactory.forProtocol(Echo::new), "127.0.0.1");
 * }</pre>
 */
public class ServerFactory extends Factory {
    /**
     * Creates a factory of {@code protocol}s.
     *
     * @param protocol makes one protocol per connection
     */
    public ServerFactory(Supplier<? extends Protocol> protocol) {
        super(protocol);
    }

    /** For subclasses that override {@link #buildProtocol}. */
    protected ServerFactory() {
        super(null);
    }

    /**
     * Creates a factory of {@code protocol}s (Twisted's {@code Factory.forProtocol}).
     *
     * @param protocol makes one protocol per connection
     * @return the factory
     */
    public static ServerFactory forProtocol(Supplier<? extends Protocol> protocol) {
        return new ServerFactory(protocol);
    }
}
