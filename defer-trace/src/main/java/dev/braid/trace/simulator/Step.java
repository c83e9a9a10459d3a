package dev.braid.trace.simulator;

import dev.braid.deferred.Failure;

/**
 * One callback or errback of the simulated chain: returns a value, fails
 * with {@code Exception(value)}, or passes its argument through.
 *
 * @param style what it does
 * @param value the value it returns or fails with; null for pass-through
 */
public record Step(Style style, String value) {
    /** The three kinds of callback the tutorial's notation knows. */
    public enum Style {
        /** {@code r VALUE}: returns VALUE. */
        RETURN,
        /** {@code f VALUE}: raises {@code Exception(VALUE)}. */
        FAIL,
        /** {@code p}: returns its argument. */
        PASSTHRU
    }

    /** Box height in rows. */
    static final int HEIGHT = 5;
    /** Every box is this wide: room for a 6-character value, a star, "return " and the frame. */
    static final int MIN_WIDTH = "0123456*".length() + "return ".length() + 3;

    /**
     * Runs it as a callback would run on the chain.
     *
     * @param result the chain's current result
     * @return the new result: a value, or a Failure
     */
    Object apply(Object result) {
        return switch (style) {
            case RETURN -> value;
            case FAIL -> new Failure(new Exception(value));
            case PASSTHRU -> result;
        };
    }

    String caption() {
        return style == Style.PASSTHRU ? "passthru" : style.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }

    /** A value as the diagram shows it: a failure's message followed by '*'. */
    static String shown(Object result) {
        return result instanceof Failure failure ? failure.value().getMessage() + "*" : String.valueOf(result);
    }

    void drawPassive(Canvas canvas, int x, int y, int width) {
        drawBox(canvas, x, y, width);
        drawCentered(canvas, x, y + 2, width, caption());
    }

    void drawActive(Canvas canvas, int x, int y, int width, Object result) {
        drawBox(canvas, x, y, width);
        drawCentered(canvas, x, y + 1, width, shown(result));
        drawCentered(canvas, x, y + 3, width, shown(apply(result)));
    }

    private static void drawBox(Canvas canvas, int x, int y, int width) {
        canvas.horizontalLine(x, y, width);
        canvas.horizontalLine(x, y + 4, width);
        canvas.verticalLine(x, y + 1, 3, false);
        canvas.verticalLine(x + width - 1, y + 1, 3, false);
    }

    private static void drawCentered(Canvas canvas, int x, int y, int width, String text) {
        canvas.text(x + 1, y, PythonText.center(text, width - 2));
    }
}
