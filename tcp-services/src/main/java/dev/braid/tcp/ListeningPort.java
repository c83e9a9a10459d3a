package dev.braid.tcp;

import dev.braid.deferred.Deferred;
import java.net.InetSocketAddress;

/** A listening TCP port (Twisted's {@code IListeningPort}). */
public interface ListeningPort {
    /**
     * Returns the address it listens on; for port 0, the port the system chose.
     *
     * @return the bound address
     */
    InetSocketAddress getHost();

    /**
     * Returns the bound port.
     *
     * @return the port number
     */
    default int port() {
        return getHost().getPort();
    }

    /**
     * Stops accepting connections (existing ones go on).
     *
     * @return a Deferred that fires when the port is closed
     */
    Deferred<Void> stopListening();
}
