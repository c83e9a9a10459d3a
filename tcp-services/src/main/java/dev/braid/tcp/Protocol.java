package dev.braid.tcp;

import dev.braid.deferred.Failure;

/**
 * What happens on one connection (Twisted's {@code protocol.Protocol}).
 * Override {@link #connectionMade()}, {@link #dataReceived(byte[])} and
 * {@link #connectionLost(Failure)}; all of them run on the connection's own
 * event loop, one at a time, so a protocol needs no locking for its own state.
 *
 * <pre>{@code
 * final class Echo extends Protocol {
 *     @Override public void dataReceived(byte[] data) { transport().write(data); }
 * }
 * }</pre>
 */
public abstract class Protocol {
    private Transport transport;
    private Factory factory;
    private boolean connected;

    /** Starts a protocol: one per connection, made by its factory. */
    protected Protocol() {
    }

    /**
     * Attaches the transport and calls {@link #connectionMade()} (Twisted's {@code makeConnection}).
     *
     * @param newTransport the connection
     */
    public void makeConnection(Transport newTransport) {
        this.transport = newTransport;
        this.connected = true;
        connectionMade();
    }

    /** Called once the connection is up. Does nothing by default. */
    public void connectionMade() {
    }

    /**
     * Called with each chunk of bytes as it arrives; chunk boundaries mean nothing.
     *
     * @param data the bytes
     */
    public void dataReceived(byte[] data) {
    }

    /**
     * Called once when the connection has ended.
     *
     * @param reason {@code ConnectionDone} for a clean close, {@code ConnectionLost} otherwise
     */
    public void connectionLost(Failure reason) {
    }

    /** Marks the connection as gone; the transport calls this before {@link #connectionLost}. */
    final void markDisconnected() {
        connected = false;
    }

    /**
     * Returns the connection.
     *
     * @return the transport, or null before {@link #makeConnection}
     */
    public final Transport transport() {
        return transport;
    }

    /**
     * Returns whether the connection is up.
     *
     * @return true between connectionMade and connectionLost
     */
    public final boolean connected() {
        return connected;
    }

    /**
     * Returns the factory that built this protocol.
     *
     * @return the factory, or null
     */
    public Factory factory() {
        return factory;
    }

    /**
     * Sets the factory; {@link Factory#buildProtocol} does this.
     *
     * @param owner the factory
     */
    public void setFactory(Factory owner) {
        this.factory = owner;
    }
}
