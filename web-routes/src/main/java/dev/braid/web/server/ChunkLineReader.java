package dev.braid.web.server;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.DirectHandler;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import java.util.function.Supplier;

/**
 * The connection's reader, fixing how Helidon 4.5 reads chunked request
 * bodies. Helidon's HTTP/1 code calls {@link #readLine()} only for the lines
 * of a chunked body: the chunk-size lines and the line that ends the body.
 * There it refuses valid input and buffers without bound; this reader
 *
 * <ul>
 *   <li>drops chunk extensions ({@code 3;name=value}, RFC 9112 §7.1.1), which
 *       Helidon takes for a bad size — the request failed;</li>
 *   <li>reads and drops trailer fields after the last chunk (§7.1.2), which
 *       Helidon refuses as an "invalid terminating chunk";</li>
 *   <li>caps a line at {@value #MAX_LINE} bytes and the trailer at
 *       {@value #MAX_TRAILER_FIELDS} fields: a size line that never ends is a
 *       400, not a buffer that grows until memory runs out.</li>
 * </ul>
 */
final class ChunkLineReader extends DataReader {
    /** The longest chunk-size line (extensions included) or trailer field. */
    static final int MAX_LINE = 4096;
    /** The most trailer fields read after the last chunk. */
    static final int MAX_TRAILER_FIELDS = 64;

    private boolean lastChunkRead;

    @SuppressWarnings("removal")   // DataReader.create cannot make a subclass
    ChunkLineReader(Supplier<byte[]> bytes) {
        super(bytes);
    }

    @Override
    public String readLine() {
        if (lastChunkRead) {
            lastChunkRead = false;
            return endOfTrailer();
        }
        String line = boundedLine();
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        lastChunkRead = !size.isEmpty() && size.chars().allMatch(c -> c == '0');
        return size;
    }

    /** Reads trailer fields up to the empty line that ends the body, and returns that line. */
    private String endOfTrailer() {
        for (int fields = 0; ; fields++) {
            String line = boundedLine();
            if (line.isEmpty()) {
                return line;
            }
            if (fields == MAX_TRAILER_FIELDS || line.indexOf(':') <= 0) {
                throw badChunk(fields == MAX_TRAILER_FIELDS ? "Too many trailer fields" : "Invalid trailer field");
            }
        }
    }

    private String boundedLine() {
        int end = findNewLine(MAX_LINE);
        if (end >= MAX_LINE) {
            throw badChunk("Chunk line too long");
        }
        String line = readAsciiString(end);
        skip(2);
        return line;
    }

    private static RequestException badChunk(String message) {
        return RequestException.builder().type(DirectHandler.EventType.BAD_REQUEST).status(Status.BAD_REQUEST_400)
                .message(message).setKeepAlive(false).build();
    }
}
