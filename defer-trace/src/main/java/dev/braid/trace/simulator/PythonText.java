package dev.braid.trace.simulator;

/** Python's {@code str.center}, to the space: the diagrams must match the tutorial's byte for byte. */
final class PythonText {
    private PythonText() {
    }

    /**
     * Centres {@code text} in {@code width} columns as CPython does: when the
     * padding is odd, the extra space goes left only if both the padding and
     * the width are odd.
     */
    static String center(String text, int width) {
        int margin = width - text.length();
        if (margin <= 0) {
            return text;
        }
        int left = margin / 2 + (margin & width & 1);
        return " ".repeat(left) + text + " ".repeat(margin - left);
    }
}
