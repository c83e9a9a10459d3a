package dev.braid.trace.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A canvas that draws the diagram as SVG: the same cells as the ASCII
 * version, with real lines, arrow heads and text. Padding spaces are not
 * drawn (they only blank cells in the ASCII version).
 */
public final class SvgCanvas implements Canvas {
    private static final double CELL_WIDTH = 8.4;
    private static final double CELL_HEIGHT = 17;

    private final List<String> elements = new ArrayList<>();
    private int columns;
    private int rows;

    /** Starts an empty drawing that grows with what is drawn on it. */
    public SvgCanvas() {
    }

    private void grow(int x, int y) {
        columns = Math.max(columns, x + 1);
        rows = Math.max(rows, y + 1);
    }

    @Override
    public void text(int x, int y, String text) {
        grow(x + text.length() - 1, y);
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        int leading = text.indexOf(trimmed.charAt(0));
        elements.add(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
                (x + leading) * CELL_WIDTH, (y + 0.75) * CELL_HEIGHT, escape(trimmed)));
    }

    @Override
    public void horizontalLine(int x, int y, int width) {
        if (width <= 0) {
            return;
        }
        grow(x + width - 1, y);
        double middle = (y + 0.5) * CELL_HEIGHT;
        elements.add(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                x * CELL_WIDTH, middle, (x + width) * CELL_WIDTH, middle));
    }

    @Override
    public void verticalLine(int x, int y, int height, boolean arrow) {
        if (height <= 0) {
            return;
        }
        grow(x + 1, y + height - 1);
        double middle = (x + 0.5) * CELL_WIDTH;
        double bottom = (y + height) * CELL_HEIGHT;
        elements.add(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                middle, y * CELL_HEIGHT, middle, bottom));
        if (arrow) {
            elements.add(String.format(Locale.ROOT,
                    "<polygon class=\"arrow\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>",
                    middle - CELL_WIDTH * 0.6, bottom - CELL_HEIGHT * 0.6, middle + CELL_WIDTH * 0.6,
                    bottom - CELL_HEIGHT * 0.6, middle, bottom));
        }
    }

    /**
     * Returns the drawing as an SVG element.
     *
     * @param title the accessible title of the image
     * @return the {@code <svg>} markup
     */
    public String toSvg(String title) {
        double width = columns * CELL_WIDTH;
        double height = rows * CELL_HEIGHT;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%.0f\" height=\"%.0f\" "
                        + "viewBox=\"0 0 %.1f %.1f\">%n<title>%s</title>%n"
                        + "<style>line{stroke:#333;stroke-width:1.2}polygon.arrow{fill:#333}"
                        + "text{font:14px monospace;fill:#000}</style>%n",
                width, height, width, height, escape(title)));
        for (String element : elements) {
            svg.append(element).append('\n');
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
