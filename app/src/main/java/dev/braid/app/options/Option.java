package dev.braid.app.options;

import java.util.Objects;

/**
 * One option a command accepts: a flag ({@code --nodaemon}), a parameter
 * with a value ({@code --port=8080}), or a parameter that may be repeated
 * ({@code --listen} twice). Built through {@link OptionSpec.Builder}.
 *
 * @param longName the name after {@code --}, such as {@code "port"}
 * @param shortName the letter after {@code -}, or {@code 0} for none
 * @param kind flag, single value, or repeatable value
 * @param defaultValue the value when the option is absent; null for none
 *     (flags have none)
 * @param description one sentence for the help text
 * @param type the check applied to each value
 */
public record Option(String longName, char shortName, Kind kind, String defaultValue, String description, ValueType type) {
    /** How an option takes values. */
    public enum Kind {
        /** No value: present or absent. */
        FLAG,
        /** One value; the last one given wins, as in twistd. */
        PARAM,
        /** Any number of values, kept in order. */
        LIST
    }

    /**
     * Checks the option's shape.
     *
     * @throws IllegalArgumentException if the names are malformed
     */
    public Option {
        Objects.requireNonNull(longName, "longName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        if (!longName.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("option names are lower-case words joined by '-': " + longName);
        }
        if (shortName != 0 && !Character.isLetterOrDigit(shortName)) {
            throw new IllegalArgumentException("a short option is one letter or digit: " + shortName);
        }
        if (kind == Kind.FLAG && defaultValue != null) {
            throw new IllegalArgumentException("a flag has no default value: " + longName);
        }
    }

    /**
     * Returns whether the option takes a value.
     *
     * @return false for flags
     */
    public boolean takesValue() {
        return kind != Kind.FLAG;
    }
}
