package dev.braid.trace.simulator;

import java.util.HashMap;
import java.util.Map;

/** A canvas of characters, printed as the tutorial's simulator prints its screen. */
public final class AsciiCanvas implements Canvas {
    private final Map<Long, Character> cells = new HashMap<>();
    private int width;
    private int height;

    /** Starts an empty canvas that grows with what is drawn on it. */
    public AsciiCanvas() {
    }

    private void put(int x, int y, char c) {
        cells.put(((long) y << 32) | (x & 0xffffffffL), c);
        width = Math.max(width, x + 1);
        height = Math.max(height, y + 1);
    }

    @Override
    public void text(int x, int y, String text) {
        for (int i = 0; i < text.length(); i++) {
            put(x + i, y, text.charAt(i));
        }
    }

    @Override
    public void horizontalLine(int x, int y, int length) {
        for (int i = 0; i < length; i++) {
            put(x + i, y, '-');
        }
    }

    @Override
    public void verticalLine(int x, int y, int length, boolean arrow) {
        for (int i = 0; i < length; i++) {
            put(x, y + i, '|');
        }
        if (arrow) {
            put(x - 1, y + length - 1, '\\');
            put(x + 1, y + length - 1, '/');
        }
    }

    /** Every row padded with spaces to the widest, each ending with a newline. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder((width + 1) * height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.append(cells.getOrDefault(((long) y << 32) | (x & 0xffffffffL), ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
