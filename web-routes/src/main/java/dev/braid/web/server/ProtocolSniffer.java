package dev.braid.web.server;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the protocol of a new connection from its first bytes, as Helidon's
 * connection handler does, with one difference: once a whole first line has
 * arrived that cannot start the HTTP/2 preface, the HTTP/2 selector (which
 * wants 24 bytes before it decides) is dropped. A short line such as
 * {@code GET /} (HTTP/0.9) is then refused at once instead of waiting for
 * bytes that never come.
 */
final class ProtocolSniffer {
    private static final String H2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    private ProtocolSniffer() {
    }

    /**
     * Reads (without consuming) until one selector recognises the data.
     *
     * @param reader the connection's reader
     * @param selectors the candidates, in order
     * @return the selector, or empty when none fits (the data stays unread)
     * @throws CloseConnectionException when the client closes before sending anything
     */
    static Optional<ServerConnectionSelector> identify(DataReader reader, List<ServerConnectionSelector> selectors) {
        try {
            reader.ensureAvailable();
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new CloseConnectionException("No data available", e);
        }
        List<ServerConnectionSelector> candidates = new ArrayList<>(selectors);
        BufferData current = reader.getBuffer(reader.available());
        while (true) {
            boolean notH2 = cannotBeH2(current);
            Iterator<ServerConnectionSelector> it = candidates.iterator();
            while (it.hasNext()) {
                ServerConnectionSelector candidate = it.next();
                int expected = candidate.bytesToIdentifyConnection();
                if (expected != 0 && expected >= current.available()) {
                    if (notH2 && candidate.supportedApplicationProtocols().contains("h2")) {
                        it.remove();
                    }
                    continue;
                }
                ServerConnectionSelector.Support support = candidate.supports(current);
                current.rewind();
                switch (support) {
                    case SUPPORTED -> {
                        return Optional.of(candidate);
                    }
                    case UNSUPPORTED -> it.remove();
                    case UNKNOWN -> {
                        if (expected != 0) {
                            it.remove();
                        }
                    }
                }
            }
            if (candidates.isEmpty()) {
                return Optional.empty();
            }
            current = reader.getBuffer(reader.available() + 1);   // waits for more
        }
    }

    /** The first line as text, for the refusal (at most 200 characters). */
    static String firstLine(DataReader reader) {
        BufferData data = reader.getBuffer(Math.min(reader.available(), 200));
        String text = data.readString(data.available(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** Whether the bytes so far, with a complete first line, differ from the HTTP/2 preface. */
    private static boolean cannotBeH2(BufferData data) {
        int length = Math.min(data.available(), H2_PREFACE.length());
        String start = data.readString(length, StandardCharsets.ISO_8859_1);
        data.rewind();
        return start.indexOf('\n') >= 0 && !H2_PREFACE.startsWith(start);
    }
}
