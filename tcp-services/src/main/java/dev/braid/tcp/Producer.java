package dev.braid.tcp;

/**
 * Something that produces data for a transport and can be told to pause
 * (Twisted's {@code IPushProducer}). Called on the connection's loop.
 */
public interface Producer {
    /** Stop producing until {@link #resumeProducing()}: the peer is not keeping up. */
    void pauseProducing();

    /** Produce again. */
    void resumeProducing();

    /** Stop for good: the connection is going away. */
    default void stopProducing() {
    }
}
