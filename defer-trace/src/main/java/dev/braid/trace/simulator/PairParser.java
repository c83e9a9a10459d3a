package dev.braid.trace.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

/**
 * Reads one (callback, errback) pair in the tutorial's notation:
 * {@code CALLBACK ERRBACK}, each {@code return VALUE}, {@code fail VALUE} or
 * {@code passthru}, abbreviated to any prefix ({@code r good f bad},
 * {@code f googly p}). Values are at most 6 characters, as in the tutorial.
 * Unlike the tutorial, a {@code #} starts a comment.
 */
public final class PairParser {
    /** The longest value a box has room for. */
    public static final int MAX_VALUE_LENGTH = 6;

    private PairParser() {
    }

    /** A line that is not a pair; the message says why, as the tutorial's script does. */
    public static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    /**
     * Parses a line.
     *
     * @param line the line
     * @return the pair, or null for a blank line (the end of the chain)
     * @throws BadInput if the line is not a pair
     */
    public static Chain.Pair parse(String line) throws BadInput {
        int comment = line.indexOf('#');
        String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
        if (content.isEmpty()) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>(Arrays.asList(content.split("\\s+")));
        Step callback = step(parts);
        Step errback = step(parts);
        if (!parts.isEmpty()) {
            throw new BadInput("extra arguments");
        }
        return new Chain.Pair(callback, errback);
    }

    private static Step step(Deque<String> parts) throws BadInput {
        if (parts.isEmpty()) {
            throw new BadInput("missing command");
        }
        String word = parts.pop().toLowerCase(Locale.ROOT);
        Step.Style style = null;
        for (Step.Style candidate : Step.Style.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).startsWith(word)) {
                style = candidate;
                break;
            }
        }
        if (style == null) {
            throw new BadInput("bad command: " + word);
        }
        if (style == Step.Style.PASSTHRU) {
            return new Step(style, null);
        }
        if (parts.isEmpty()) {
            throw new BadInput("missing argument");
        }
        String value = parts.pop();
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new BadInput("result more than " + MAX_VALUE_LENGTH + " chars long: " + value);
        }
        return new Step(style, value);
    }
}
