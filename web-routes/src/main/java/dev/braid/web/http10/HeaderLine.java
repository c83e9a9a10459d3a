package dev.braid.web.http10;

import java.util.Locale;

/**
 * One header line of a head being translated: its name lower-cased and its
 * value stripped (a line without a colon has an empty name), and the line as
 * it came, to be passed on unchanged.
 */
record HeaderLine(String name, String value, String line) {
    static HeaderLine parse(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? new HeaderLine("", "", line)
                : new HeaderLine(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip(), line);
    }

    /** Whether a comma-separated value lists {@code token} (any case). */
    boolean hasToken(String token) {
        for (String part : value.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
