package dev.braid.tcp;

import java.net.InetSocketAddress;

/** An outgoing connection attempt (Twisted's {@code IConnector}). */
public interface Connector {
    /**
     * Returns where the attempt connects to.
     *
     * @return the destination
     */
    InetSocketAddress getDestination();

    /** Stops an attempt that has not connected yet. */
    void stopConnecting();

    /** Closes the connection if it is up, or stops the attempt if it is not. */
    void disconnect();
}
