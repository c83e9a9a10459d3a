package dev.braid.web.http10;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The response bytes Helidon writes, made HTTP/1.0 for a client that asked in
 * HTTP/1.0 ({@link Http10Exchange.Response#translate}):
 * <ul>
 *   <li>the status line says HTTP/1.0; interim 1xx responses are dropped;</li>
 *   <li>a chunked body is sent as its plain bytes, as they come (streaming
 *       pages still stream), and the connection ends after it;</li>
 *   <li>{@code Connection: keep-alive} when the client asked for it and the
 *       body's end is known (a Content-Length, or no body), else
 *       {@code Connection: close} and the connection ends after the body.</li>
 * </ul>
 * Responses to HTTP/1.1 requests pass untouched, but are followed, so that
 * the next response's head is found. Once the connection is ending, nothing
 * more is written (a pipelined request's answer; the client asks again).
 */
final class ResponseTranslator implements DataWriter {
    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, ENDED }

    private final DataWriter target;
    private final Http10Exchange exchange;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.HEAD;
    private Http10Exchange.Response response;
    private boolean closeAfter;
    private long left;

    ResponseTranslator(DataWriter target, Http10Exchange exchange) {
        this.target = target;
        this.exchange = exchange;
    }

    @Override
    public synchronized void write(BufferData... buffers) {
        BufferData out = translate(buffers);
        if (out.available() > 0) {
            target.write(out);
        }
    }

    @Override
    public void write(BufferData buffer) {
        write(new BufferData[] {buffer});
    }

    @Override
    public synchronized void writeNow(BufferData... buffers) {
        BufferData out = translate(buffers);
        if (out.available() > 0) {
            target.writeNow(out);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        writeNow(new BufferData[] {buffer});
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void close() {
        target.close();
    }

    private BufferData translate(BufferData[] buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BufferData buffer : buffers) {
            byte[] bytes = buffer.readBytes();
            int i = 0;
            while (i < bytes.length) {
                i = step(bytes, i, out);
            }
        }
        return BufferData.create(out.toByteArray());
    }

    /** Consumes bytes from {@code i} in the current state; returns where the next state starts. */
    private int step(byte[] bytes, int i, ByteArrayOutputStream out) {
        switch (state) {
            case ENDED -> {
                return bytes.length;   // written after the connection's last response: dropped
            }
            case UNTIL_CLOSE -> {
                out.write(bytes, i, bytes.length - i);
                return bytes.length;
            }
            case BODY, CHUNK_DATA -> {
                int n = (int) Math.min(left, bytes.length - i);
                out.write(bytes, i, n);
                left -= n;
                if (left == 0) {
                    if (state == State.BODY) {
                        responseEnded();
                    } else {
                        state = State.CHUNK_END;
                    }
                }
                return i + n;
            }
            default -> {
                line.write(bytes[i]);
                if (bytes[i] == '\n') {
                    lineEnded(out);
                }
                return i + 1;
            }
        }
    }

    private void lineEnded(ByteArrayOutputStream out) {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        switch (state) {
            case HEAD -> {
                if (text.endsWith("\r\n\r\n") || text.endsWith("\n\n")) {
                    line.reset();
                    head(text, out);
                }
            }
            case CHUNK_SIZE -> {
                line.reset();
                passUntranslated(text, out);
                String size = text.strip();
                int extension = size.indexOf(';');
                left = Long.parseLong(extension < 0 ? size : size.substring(0, extension).strip(), 16);
                state = left == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                line.reset();
                passUntranslated(text, out);
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                line.reset();
                passUntranslated(text, out);
                if (text.equals("\r\n") || text.equals("\n")) {
                    responseEnded();
                }
            }
            default -> throw new IllegalStateException("no line in state " + state);
        }
    }

    private void passUntranslated(String text, ByteArrayOutputStream out) {
        if (!response.translate()) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** One whole response head: translated (or not), and the framing of its body found. */
    private void head(String text, ByteArrayOutputStream out) {
        String[] lines = text.split("\r?\n");
        String statusLine = lines[0];
        int status = statusCode(statusLine);
        boolean interim = status >= 100 && status < 200;
        // an interim response belongs to the request whose final response comes next
        response = interim ? exchange.peek() : exchange.next();
        long length = -1;
        boolean chunked = false;
        boolean serverCloses = false;
        StringBuilder headers = new StringBuilder(text.length());
        for (int i = 1; i < lines.length; i++) {
            HeaderLine header = HeaderLine.parse(lines[i]);
            String name = header.name();
            switch (name) {
                case "content-length" -> length = Long.parseLong(header.value());
                case "transfer-encoding" -> chunked = header.hasToken("chunked");
                case "connection" -> serverCloses = header.hasToken("close");
                default -> { }
            }
            if (!name.equals("connection") && !name.equals("keep-alive")
                    && !(chunked && name.equals("transfer-encoding"))) {
                headers.append(header.line()).append("\r\n");
            }
        }
        boolean bodyless = response.head() || interim || status == 204 || status == 304;
        if (!response.translate()) {
            out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            closeAfter = false;
        } else if (interim) {
            state = State.HEAD;   // HTTP/1.0 has no interim responses: dropped
            return;
        } else {
            boolean persistent = response.keepAlive() && !serverCloses && (bodyless || (length >= 0 && !chunked));
            closeAfter = !persistent;
            String reason = statusLine.substring(Math.min(statusLine.length(), "HTTP/1.1".length()));
            out.writeBytes(("HTTP/1.0" + reason + "\r\n" + headers + "Connection: "
                    + (persistent ? "keep-alive" : "close") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        if (bodyless) {
            responseEnded();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length >= 0) {
            left = length;
            if (length == 0) {
                responseEnded();
            } else {
                state = State.BODY;
            }
        } else {
            state = State.UNTIL_CLOSE;   // delimited by closing: no further request may be read
            if (response.translate()) {
                exchange.close();
            }
        }
    }

    private void responseEnded() {
        if (closeAfter) {
            state = State.ENDED;
            exchange.close();
        } else {
            state = State.HEAD;
        }
    }

    private static int statusCode(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
