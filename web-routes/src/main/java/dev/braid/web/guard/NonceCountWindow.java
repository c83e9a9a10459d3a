package dev.braid.web.guard;

/**
 * The nonce counts ({@code nc}) a client used with one Digest nonce, kept in
 * constant memory: the highest count seen and a 64-count window below it
 * (the anti-replay window of IPsec, RFC 4303 §3.4.3). A count is accepted once;
 * a count below the window is refused as a possible replay, so a client that
 * sends requests out of order may fall back at most 63 counts. Not
 * thread-safe: the factory guards it.
 */
final class NonceCountWindow {
    /** How far below the highest count a late request is still accepted. */
    static final int WIDTH = Long.SIZE;

    private long highest;
    /** Bit i set: count {@code highest - i} was used. */
    private long seen;

    /**
     * Records {@code count} if it was never used.
     *
     * @param count the request's nonce count, at least 1
     * @return true if the count is fresh; false for a replay, a count too far
     *     behind the highest, or a count below 1
     */
    boolean use(long count) {
        if (count < 1) {
            return false;
        }
        if (count > highest) {
            long shift = count - highest;
            seen = shift >= WIDTH ? 1L : (seen << shift) | 1L;
            highest = count;
            return true;
        }
        long behind = highest - count;
        if (behind >= WIDTH) {
            return false;
        }
        long bit = 1L << behind;
        if ((seen & bit) != 0) {
            return false;
        }
        seen |= bit;
        return true;
    }

    /**
     * Returns the highest count used.
     *
     * @return the count, 0 before the first
     */
    long highest() {
        return highest;
    }
}
