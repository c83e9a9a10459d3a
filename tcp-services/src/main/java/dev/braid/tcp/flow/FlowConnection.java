package dev.braid.tcp.flow;

import dev.braid.deferred.flow.Stage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A connection as a flow body sees it (twisted.flow's {@code conn} in a
 * protocol made by {@code makeProtocol}): the incoming data as a stage, and
 * writes.
 *
 * <pre>{@code
 * (conn, out) -> {
 *     for (byte[] data : out.each(conn.incoming())) {   // waits without holding the loop
 *         conn.write(data);
 *     }
 * }
 * }</pre>
 */
public interface FlowConnection {
    /**
     * The data received, chunk by chunk as the socket delivered it, ending
     * when the peer closes cleanly and failing with ConnectionLost on a reset.
     * Consume it with {@code out.each(conn.incoming())}, once.
     *
     * @return the stage of incoming chunks
     */
    Stage<byte[]> incoming();

    /**
     * Sends bytes (queued on the connection, in order; safe from the body's thread).
     *
     * @param data the bytes
     */
    void write(byte[] data);

    /**
     * Sends text as UTF-8.
     *
     * @param text the text
     */
    default void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The peer's address.
     *
     * @return the address
     */
    InetSocketAddress peer();
}
