package dev.braid.trace.simulator;

import java.util.List;
import java.util.Objects;

/**
 * The simulated callback chain: its (callback, errback) pairs, and the
 * diagram of the chain itself (the tutorial's {@code Deferred} widget).
 *
 * @param pairs the pairs, at least one
 */
public record Chain(List<Pair> pairs) {
    /**
     * One (callback, errback) pair, as added by {@code addCallbacks}.
     *
     * @param callback runs on a value
     * @param errback runs on a failure
     */
    public record Pair(Step callback, Step errback) {
        /** Checks the halves. */
        public Pair {
            Objects.requireNonNull(callback, "callback");
            Objects.requireNonNull(errback, "errback");
        }
    }

    /** Checks there is at least one pair. */
    public Chain {
        pairs = List.copyOf(pairs);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one pair");
        }
    }

    /** The width of every callback box. */
    int boxWidth() {
        return Step.MIN_WIDTH;
    }

    /** The width of the two columns of boxes and the gap between them. */
    int width() {
        return boxWidth() * 2 + 2;
    }

    /** The height of the chain's diagram. */
    int height() {
        return Step.HEIGHT * pairs.size() + 3 * (pairs.size() - 1);
    }

    /** Draws the chain: each pair as two boxes, callbacks on the left. */
    void draw(Canvas canvas, int x, int y) {
        int row = y;
        for (Pair pair : pairs) {
            pair.callback().drawPassive(canvas, x, row, boxWidth());
            pair.errback().drawPassive(canvas, x + boxWidth() + 2, row, boxWidth());
            row += Step.HEIGHT + 3;
        }
    }
}
