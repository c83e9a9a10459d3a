package dev.braid.tcp.poetry;

import dev.braid.tcp.Protocol;
import dev.braid.tcp.ServerFactory;
import java.net.InetSocketAddress;

/**
 * The fast poetry server: writes the whole poem as soon as a client connects,
 * then closes the connection (the Twisted Introduction's fastpoetry server).
 */
public final class FastPoetry {
    private FastPoetry() {
    }

    /** Sends the poem and closes. */
    static final class PoetryProtocol extends Protocol {
        private final PoetryService service;

        PoetryProtocol(PoetryService service) {
            this.service = service;
        }

        @Override
        public void connectionMade() {
            transport().write(service.poem());
            transport().loseConnection();
        }
    }

    /**
     * Returns the factory, reading the poem from {@code service}.
     *
     * @param service the poem's holder
     * @return a factory of poetry protocols
     */
    public static ServerFactory factory(PoetryService service) {
        return new ServerFactory() {
            @Override
            public Protocol buildProtocol(InetSocketAddress address) {
                PoetryProtocol protocol = new PoetryProtocol(service);
                protocol.setFactory(this);
                return protocol;
            }
        };
    }
}
