package dev.braid.web.http10;

import dev.braid.web.internal.HttpDates;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The request bytes of an HTTP/1.0 connection, made HTTP/1.1 for Helidon, one
 * request head at a time (bodies pass untouched, counted by Content-Length):
 * <ul>
 *   <li>the request line says HTTP/1.1; lines may end in a bare LF;</li>
 *   <li>{@code Connection: close} is added unless the client asked for
 *       keep-alive, so Helidon closes the connection after answering;
 *       {@code Connection}, {@code Keep-Alive}, {@code Upgrade},
 *       {@code HTTP2-Settings} and {@code Expect} are dropped (HTTP/1.0 has
 *       no upgrades and no 100-continue);</li>
 *   <li>a missing {@code Host} becomes the address the client connected to
 *       (HTTP/1.1 requires one, HTTP/1.0 clients may omit it).</li>
 * </ul>
 * An HTTP/1.0 request whose body length cannot be known — a
 * Transfer-Encoding (HTTP/1.0 has none: RFC 9112 §6.1 calls such framing
 * faulty) or a bad or doubled Content-Length — is refused with 400 once the
 * requests before it are answered, and the connection closed; a head longer
 * than {@value #MAX_HEAD} bytes gets 431. A request that says HTTP/1.1 on
 * such a connection passes untouched, for Helidon to judge by its own rules.
 */
final class RequestTranslator implements Supplier<byte[]> {
    /** A head longer than this is passed on untouched: Helidon refuses it with its own limits. */
    static final int MAX_HEAD = 64 * 1024;
    private static final Set<String> DROPPED =
            Set.of("connection", "keep-alive", "upgrade", "http2-settings", "expect", "proxy-connection");

    private final DataReader source;
    private final DataWriter socket;
    private final Http10Exchange exchange;
    private final String localHost;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long bodyLeft;
    private boolean raw;
    private Refusal refusal;

    /** An answer Braid gives itself, in HTTP/1.0, to a request Helidon must not see. */
    private record Refusal(String status, String message) {
    }

    RequestTranslator(DataReader source, DataWriter socket, Http10Exchange exchange, String localHost) {
        this.source = source;
        this.socket = socket;
        this.exchange = exchange;
        this.localHost = localHost;
    }

    /** The next translated bytes; null at the end of the stream or once the connection is closing. */
    @Override
    public byte[] get() {
        while (!exchange.closing()) {
            if (refusal != null) {
                refuse(refusal);   // Helidon asks for more only once the requests before are answered
                return null;
            }
            byte[] input;
            try {
                source.ensureAvailable();
                input = source.readBytes(source.available());
            } catch (DataReader.InsufficientDataAvailableException end) {
                return leftover();
            }
            byte[] output = translate(input);
            if (output.length > 0) {
                return output;
            }
        }
        return null;
    }

    /** At the end of the stream, a head cut short is answered with 400 (the client may still read). */
    private byte[] leftover() {
        if (head.size() > 0) {
            head.reset();
            refuse(new Refusal("400 Bad Request", "The request ended before its head did."));
        }
        return null;
    }

    byte[] translate(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 64);
        int i = 0;
        while (i < input.length && refusal == null) {
            if (raw) {
                out.write(input, i, input.length - i);
                break;
            }
            if (bodyLeft > 0) {
                int n = (int) Math.min(bodyLeft, input.length - i);
                out.write(input, i, n);
                i += n;
                bodyLeft -= n;
                continue;
            }
            byte b = input[i++];
            head.write(b);
            if (b == '\n') {
                headLineEnded(out);
            } else if (head.size() > MAX_HEAD) {
                tooLong(out);
            }
        }
        return out.toByteArray();
    }

    /** An HTTP/1.0 head is refused with 431; another (HTTP/1.1 on this connection) goes to Helidon as it is. */
    private void tooLong(ByteArrayOutputStream out) {
        String start = head.toString(StandardCharsets.ISO_8859_1);
        int lf = start.indexOf('\n');
        if (lf >= 0 && start.substring(0, lf).strip().endsWith(" HTTP/1.0")) {
            refusal = new Refusal("431 Request Header Fields Too Large", "The request's head is longer than "
                    + MAX_HEAD + " bytes.");
        } else {
            out.writeBytes(head.toByteArray());
            raw = true;
        }
        head.reset();
    }

    private void headLineEnded(ByteArrayOutputStream out) {
        byte[] bytes = head.toByteArray();
        int n = bytes.length;
        boolean blankLine = n == 1 || (n >= 2 && (bytes[n - 2] == '\n' || (bytes[n - 2] == '\r'
                && (n == 2 || bytes[n - 3] == '\n'))));
        if (!blankLine) {
            return;
        }
        head.reset();
        if (n <= 2) {
            return;   // empty lines before a request line are ignored (RFC 9112 §2.2)
        }
        out.writeBytes(rewrite(new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    /** One whole request head: translated, its response announced, and its body's length noted. */
    private byte[] rewrite(String text) {
        String[] lines = text.split("\r?\n");
        String requestLine = lines[0];
        boolean http10 = requestLine.endsWith(" HTTP/1.0");
        boolean isHead = requestLine.startsWith("HEAD ");
        boolean keepAlive = false;
        boolean hasHost = false;
        boolean unknownLength = false;
        long length = -1;
        StringBuilder headers = new StringBuilder(text.length() + 64);
        for (int i = 1; i < lines.length; i++) {
            HeaderLine header = HeaderLine.parse(lines[i]);
            switch (header.name()) {
                case "connection" -> keepAlive |= header.hasToken("keep-alive");
                case "host" -> hasHost = true;
                case "transfer-encoding" -> {
                    unknownLength = true;
                    length = -2;
                }
                case "content-length" -> {
                    if (length != -2) {
                        long declared = parseLength(header.value());
                        unknownLength |= declared < 0 || (length >= 0 && declared != length);
                        length = declared;
                    }
                }
                default -> { }
            }
            if (!http10 || !DROPPED.contains(header.name())) {
                headers.append(header.line()).append("\r\n");
            }
        }
        if (http10 && unknownLength) {
            refusal = new Refusal("400 Bad Request", length == -2
                    ? "Transfer-Encoding is not HTTP/1.0: send a Content-Length." : "Invalid Content-Length.");
            return new byte[0];
        }
        raw = unknownLength;
        bodyLeft = unknownLength ? 0 : Math.max(length, 0);
        if (!http10) {
            exchange.expect(new Http10Exchange.Response(false, isHead, true));
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        boolean persistent = keepAlive && !unknownLength;
        exchange.expect(new Http10Exchange.Response(true, isHead, persistent));
        StringBuilder translated = new StringBuilder(headers.length() + requestLine.length() + 64)
                .append(requestLine, 0, requestLine.length() - "1.0".length()).append("1.1\r\n").append(headers);
        if (!hasHost) {
            translated.append("Host: ").append(localHost).append("\r\n");
        }
        if (!persistent) {
            translated.append("Connection: close\r\n");
        }
        return translated.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Answers in HTTP/1.0 and ends the connection (Helidon never sees the request). */
    private void refuse(Refusal refused) {
        byte[] body = (refused.message() + "\n").getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.0 " + refused.status() + "\r\nDate: " + HttpDates.now()
                + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        exchange.close();
        socket.writeNow(BufferData.create(BufferData.create(head.getBytes(StandardCharsets.US_ASCII)),
                BufferData.create(body)));
    }

    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
