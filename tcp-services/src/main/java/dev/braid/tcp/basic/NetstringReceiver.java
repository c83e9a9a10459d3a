package dev.braid.tcp.basic;

import dev.braid.tcp.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A protocol that receives netstrings, {@code <length>:<bytes>,} (Twisted's
 * {@code basic.NetstringReceiver}), with Twisted's exact rules: lengths up to
 * {@link #maxLength()} (99999 by default) without leading zeros; an over-long
 * length is refused as soon as it has more digits than the maximum allows,
 * before the colon arrives; a missing comma is an error. Any error closes the
 * connection (after pending writes) and sets {@link #brokenPeer()}; nothing
 * is thrown.
 *
 * <pre>{@code
 * final class Upper extends NetstringReceiver {
 *     @Override protected void stringReceived(byte[] s) { sendString(new String(s).toUpperCase().getBytes()); }
 * }
 * }</pre>
 */
public abstract class NetstringReceiver extends Protocol {
    /** Twisted's default maximum payload length. */
    public static final int MAX_LENGTH = 99999;

    private enum State { LENGTH, PAYLOAD }

    private final ByteArrayOutputStream remaining = new ByteArrayOutputStream();
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private State state = State.LENGTH;
    private int expected;
    private boolean brokenPeer;

    /** Starts a receiver waiting for the first netstring's length. */
    protected NetstringReceiver() {
    }

    /**
     * Returns the longest payload accepted; override to change it.
     *
     * @return bytes
     */
    protected int maxLength() {
        return MAX_LENGTH;
    }

    /**
     * Called with each complete payload.
     *
     * @param string the payload, without framing
     */
    protected abstract void stringReceived(byte[] string);

    /**
     * Sends a payload as a netstring.
     *
     * @param string the payload
     */
    public final void sendString(byte[] string) {
        byte[] prefix = (string.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + string.length + 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(string, 0, out, prefix.length, string.length);
        out[out.length - 1] = ',';
        transport().write(out);
    }

    /**
     * Returns whether the peer sent something that is not a netstring.
     *
     * @return true after a parse error (the connection is then closing)
     */
    public final boolean brokenPeer() {
        return brokenPeer;
    }

    @Override
    public final void dataReceived(byte[] data) {
        if (brokenPeer) {
            return;
        }
        remaining.writeBytes(data);
        while (remaining.size() > 0) {
            try {
                if (!consume()) {
                    return;
                }
            } catch (IllegalArgumentException parseError) {
                brokenPeer = true;
                transport().loseConnection();
                return;
            }
        }
    }

    /** Consumes one step; returns false when more data is needed. */
    private boolean consume() {
        byte[] data = remaining.toByteArray();
        if (state == State.LENGTH) {
            int colon = digitsThenColon(data);
            if (colon < 0) {
                return false;
            }
            expected = length(new String(data, 0, colon, StandardCharsets.US_ASCII)) + 1; // payload and comma
            state = State.PAYLOAD;
            payload.reset();
            remaining.reset();
            remaining.write(data, colon + 1, data.length - colon - 1);
            return true;
        }
        int need = expected - payload.size();
        int take = Math.min(need, data.length);
        payload.write(data, 0, take);
        remaining.reset();
        remaining.write(data, take, data.length - take);
        if (payload.size() < expected) {
            return false;
        }
        byte[] framed = payload.toByteArray();
        if (framed[framed.length - 1] != ',') {
            throw new IllegalArgumentException("missing comma");
        }
        state = State.LENGTH;
        byte[] string = new byte[framed.length - 1];
        System.arraycopy(framed, 0, string, 0, string.length);
        stringReceived(string);
        return !brokenPeer;
    }

    /**
     * Returns the index of the colon after a valid length, -1 if the length is
     * still incomplete, or throws if it can never become valid.
     */
    private int digitsThenColon(byte[] data) {
        int i = 0;
        while (i < data.length && data[i] >= '0' && data[i] <= '9') {
            i++;
        }
        if (i == 0) {
            if (data.length > 0) {
                throw new IllegalArgumentException("missing length");
            }
            return -1;
        }
        if (data[0] == '0' && i > 1) {
            throw new IllegalArgumentException("leading zero");
        }
        if (i > maxLengthDigits()) {
            throw new IllegalArgumentException("length too long");
        }
        if (i == data.length) {
            length(new String(data, 0, i, StandardCharsets.US_ASCII)); // refuse an over-long length early
            return -1;
        }
        if (data[i] != ':') {
            throw new IllegalArgumentException("missing colon");
        }
        return i;
    }

    private int length(String digits) {
        long value = Long.parseLong(digits);
        if (value > maxLength()) {
            throw new IllegalArgumentException("length too long");
        }
        return (int) value;
    }

    /** Twisted's _maxLengthSize: ceil(log10(MAX_LENGTH)) + 1 digits. */
    private int maxLengthDigits() {
        return (int) Math.ceil(Math.log10(maxLength())) + 1;
    }
}
