package dev.braid.tcp.basic;

import dev.braid.tcp.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A protocol that receives lines (Twisted's {@code basic.LineReceiver}):
 * {@link #lineReceived} per delimited line (the delimiter is {@code \r\n} by
 * default), a raw mode for binary data ({@link #setRawMode},
 * {@link #rawDataReceived}), and a line-length limit: a line longer than
 * {@link #maxLength()} goes to {@link #lineLengthExceeded}, which closes the
 * connection by default.
 *
 * <pre>{@code
 * final class Shout extends LineReceiver {
 *     @Override protected void lineReceived(byte[] line) {
 *         sendLine(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
 *     }
 * }
 * }</pre>
 */
public abstract class LineReceiver extends Protocol {
    /** Twisted's default maximum line length. */
    public static final int MAX_LENGTH = 16384;

    private byte[] delimiter = {'\r', '\n'};
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean lineMode = true;
    private boolean busy;

    /** Starts a line receiver in line mode with CRLF as the delimiter. */
    protected LineReceiver() {
    }

    /**
     * Returns the longest line accepted; override to change it.
     *
     * @return bytes, without the delimiter
     */
    protected int maxLength() {
        return MAX_LENGTH;
    }

    /**
     * Sets the line delimiter.
     *
     * @param newDelimiter for example {@code "\n".getBytes()}
     */
    protected final void setDelimiter(byte[] newDelimiter) {
        if (newDelimiter.length == 0) {
            throw new IllegalArgumentException("empty delimiter");
        }
        this.delimiter = newDelimiter.clone();
    }

    /**
     * Called with each line, without its delimiter.
     *
     * @param line the line
     */
    protected abstract void lineReceived(byte[] line);

    /**
     * Called in raw mode with each chunk of data.
     *
     * @param data the bytes
     */
    protected void rawDataReceived(byte[] data) {
        throw new UnsupportedOperationException("rawDataReceived is not implemented");
    }

    /**
     * Called with the offending data when a line exceeds {@link #maxLength()};
     * closes the connection by default.
     *
     * @param line what was received of the line
     */
    protected void lineLengthExceeded(byte[] line) {
        transport().loseConnection();
    }

    /** Switches to raw mode: data goes to {@link #rawDataReceived} until {@link #setLineMode}. */
    protected final void setRawMode() {
        lineMode = false;
    }

    /**
     * Switches back to line mode, first processing {@code extra} as received data.
     *
     * @param extra data to process in line mode, may be empty
     */
    protected final void setLineMode(byte[] extra) {
        lineMode = true;
        if (extra.length > 0) {
            dataReceived(extra);
        }
    }

    /** Forgets whatever partial line has been received. */
    protected final void clearLineBuffer() {
        buffer = new ByteArrayOutputStream();
    }

    /**
     * Sends a line with the delimiter.
     *
     * @param line the line
     */
    public final void sendLine(byte[] line) {
        byte[] out = Arrays.copyOf(line, line.length + delimiter.length);
        System.arraycopy(delimiter, 0, out, line.length, delimiter.length);
        transport().write(out);
    }

    /**
     * Sends a line of UTF-8 text.
     *
     * @param line the text
     */
    public final void sendLine(String line) {
        sendLine(line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public final void dataReceived(byte[] data) {
        buffer.writeBytes(data);
        if (busy) {
            return; // a callback is running: the outer call processes the new data
        }
        busy = true;
        try {
            process();
        } finally {
            busy = false;
        }
    }

    private void process() {
        while (buffer.size() > 0) {
            byte[] pending = buffer.toByteArray();
            if (!lineMode) {
                buffer = new ByteArrayOutputStream();
                rawDataReceived(pending);
                continue;
            }
            int at = indexOf(pending, delimiter);
            if (at < 0) {
                if (pending.length >= maxLength() + delimiter.length) {
                    buffer = new ByteArrayOutputStream();
                    lineLengthExceeded(pending);
                }
                return;
            }
            byte[] line = Arrays.copyOfRange(pending, 0, at);
            buffer = new ByteArrayOutputStream();
            buffer.write(pending, at + delimiter.length, pending.length - at - delimiter.length);
            if (line.length > maxLength()) {
                byte[] exceeded = pending.clone();
                buffer = new ByteArrayOutputStream();
                lineLengthExceeded(exceeded);
                return;
            }
            lineReceived(line);
            if (transport() != null && transport().disconnecting()) {
                return;
            }
        }
    }

    static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
