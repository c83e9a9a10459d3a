package dev.braid.app.options;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats help text the way twistd lays it out: an {@link OptionSpec}'s
 * options, and two-column lists such as the launcher's commands, wrapped at
 * 79 columns.
 *
 * <pre>{@code
 * String commands = HelpText.columns(List.of(new String[] {"web", "A web server."}), 4, 16);
 * }</pre>
 */
public final class HelpText {
    static final int WIDTH = 79;

    private HelpText() {
    }

    static String format(OptionSpec spec, String usagePrefix) {
        StringBuilder out = new StringBuilder();
        out.append("Usage: ").append(usagePrefix).append(' ').append(spec.synopsis()).append('\n');
        out.append("Options:\n");
        List<String[]> rows = new ArrayList<>();
        int left = 0;
        for (Option option : spec.options()) {
            String flags = (option.shortName() != 0 ? "  -" + option.shortName() + ", " : "      ")
                    + "--" + option.longName() + (option.takesValue() ? "=" : "");
            String text = option.description();
            if (option.defaultValue() != null) {
                text += " [default: " + option.defaultValue() + "]";
            }
            if (option.kind() == Option.Kind.LIST) {
                text += " (may be repeated)";
            }
            rows.add(new String[] {flags, text});
            left = Math.max(left, flags.length());
        }
        int column = left + 2;
        for (String[] row : rows) {
            List<String> lines = wrap(row[1], Math.max(20, WIDTH - column));
            out.append(row[0]).append(" ".repeat(column - row[0].length())).append(lines.getFirst()).append('\n');
            for (String line : lines.subList(1, lines.size())) {
                out.append(" ".repeat(column)).append(line).append('\n');
            }
        }
        if (!spec.description().isBlank()) {
            out.append('\n');
            for (String paragraph : spec.description().strip().split("\n\\s*\n")) {
                for (String line : wrap(paragraph.replaceAll("\\s+", " "), WIDTH)) {
                    out.append(line).append('\n');
                }
                out.append('\n');
            }
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /**
     * Lays out rows of (name, description) in two columns, descriptions wrapped.
     *
     * @param rows the rows
     * @param indent spaces before each name
     * @param minWidth the least width of the name column
     * @return the lines, each ending with a newline
     */
    public static String columns(List<String[]> rows, int indent, int minWidth) {
        int width = minWidth;
        for (String[] row : rows) {
            width = Math.max(width, row[0].length() + 2);
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            List<String> lines = wrap(row[1], Math.max(20, WIDTH - indent - width));
            out.append(" ".repeat(indent)).append(row[0]).append(" ".repeat(width - row[0].length()))
                    .append(lines.getFirst()).append('\n');
            for (String line : lines.subList(1, lines.size())) {
                out.append(" ".repeat(indent + width)).append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Breaks text into lines of at most {@code width} characters at spaces.
     *
     * @param text the text
     * @param width the width
     * @return at least one line
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
