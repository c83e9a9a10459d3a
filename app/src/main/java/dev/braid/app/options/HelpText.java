package dev.braid.app.options;

import java.util.ArrayList;
import java.util.List;

/** Formats an {@link OptionSpec}'s {@code --help} text the way twistd lays it out. */
final class HelpText {
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
