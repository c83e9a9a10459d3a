package dev.braid.trace.simulator;

/**
 * Where a diagram is drawn, on a grid of character cells: the simulator's
 * drawing code is written once against this and drawn as ASCII
 * ({@link AsciiCanvas}) or SVG ({@link SvgCanvas}).
 */
public interface Canvas {
    /**
     * Draws text starting at a cell; spaces in it blank what they cover.
     *
     * @param x the column
     * @param y the row
     * @param text the text
     */
    void text(int x, int y, String text);

    /**
     * Draws a horizontal line of {@code width} cells.
     *
     * @param x the first column
     * @param y the row
     * @param width the length in cells
     */
    void horizontalLine(int x, int y, int width);

    /**
     * Draws a vertical line of {@code height} cells, optionally ending in an arrow head.
     *
     * @param x the column
     * @param y the first row
     * @param height the length in cells
     * @param arrow whether the last cell carries an arrow head pointing down
     */
    void verticalLine(int x, int y, int height, boolean arrow);
}
