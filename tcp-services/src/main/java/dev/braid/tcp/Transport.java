package dev.braid.tcp;

import dev.braid.deferred.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One TCP connection as its protocol sees it (Twisted's {@code ITransport}).
 *
 * <p>Writes never block the connection's loop: they are queued and written
 * in order by the connection's writer thread. A peer that stops reading
 * makes the queue grow; past {@link #HIGH_WATER_MARK} a registered
 * {@link Producer} is paused, and past {@link #HARD_LIMIT} the connection is
 * aborted, so a slow reader can never make the server buffer without bound.
 * Methods called from a thread other than the connection's loop are handed
 * to the loop.
 *
 * <pre>{@code
 * public void connectionMade() {
 *     transport().write(poem);
 *     transport().loseConnection();   // after the poem has been sent
 * }
 * }</pre>
 */
public interface Transport {
    /** Queued bytes above which a registered producer is paused (64 KiB). */
    int HIGH_WATER_MARK = 64 * 1024;
    /** Queued bytes above which the connection is aborted (16 MiB). */
    int HARD_LIMIT = 16 * 1024 * 1024;

    /**
     * Queues bytes to send. Ignored after {@link #loseConnection()} or once
     * the connection is gone.
     *
     * @param data the bytes
     */
    void write(byte[] data);

    /**
     * Queues several chunks in order (Twisted's {@code writeSequence}).
     *
     * @param chunks the chunks
     */
    void writeSequence(List<byte[]> chunks);

    /**
     * Closes the connection once everything queued has been sent; the
     * protocol then gets {@code connectionLost} with {@code ConnectionDone}.
     */
    void loseConnection();

    /**
     * Closes the connection at once (a TCP reset), dropping queued bytes; the
     * protocol gets {@code connectionLost} with {@code ConnectionLost}.
     */
    void abortConnection();

    /**
     * Returns the remote address.
     *
     * @return the peer's address and port
     */
    InetSocketAddress getPeer();

    /**
     * Returns the local address.
     *
     * @return this side's address and port
     */
    InetSocketAddress getHost();

    /** Stops reading from the peer until {@link #resumeProducing()} (incoming back-pressure). */
    void pauseProducing();

    /** Reads from the peer again. */
    void resumeProducing();

    /**
     * Registers a producer of outgoing data that is paused while the send
     * queue is above {@link #HIGH_WATER_MARK} and resumed when it drains
     * (Twisted's {@code registerProducer} for a streaming producer).
     *
     * @param producer the producer
     */
    void registerProducer(Producer producer);

    /** Unregisters the producer. */
    void unregisterProducer();

    /**
     * Returns how many bytes are queued and not yet sent.
     *
     * @return the count
     */
    long bufferedBytes();

    /**
     * Returns whether {@link #loseConnection()} was called or the connection is gone.
     *
     * @return true while closing or closed
     */
    boolean disconnecting();

    /**
     * Returns the connection's event loop: every protocol callback runs on it.
     *
     * @return the loop
     */
    EventLoop loop();
}
