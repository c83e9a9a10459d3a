package dev.braid.app.options;

import java.util.regex.Pattern;

/**
 * Checks an option's value when it is parsed, so that a bad value is a usage
 * error before anything starts (Twisted's {@code coerce} functions).
 *
 * <pre>{@code
 * OptionSpec.builder("slowpoetry").param("delay", 'd', "0.7", "seconds between writes", ValueType.NON_NEGATIVE_NUMBER)
 * }</pre>
 */
@FunctionalInterface
public interface ValueType {
    /** Any string. */
    ValueType TEXT = value -> { };

    /** A whole number that fits an {@code int}. */
    ValueType INTEGER = value -> {
        try {
            Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    };

    /** A TCP port: 0 (any free port) to 65535. */
    ValueType PORT = value -> {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    };

    /** A finite number at least 0, such as a delay in seconds. */
    ValueType NON_NEGATIVE_NUMBER = value -> {
        double number;
        try {
            number = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
        if (!(number >= 0) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("'" + value + "' must be a finite number >= 0");
        }
    };

    /** A whole number of at least 0. */
    ValueType NON_NEGATIVE_INTEGER = value -> {
        INTEGER.check(value);
        if (Integer.parseInt(value.strip()) < 0) {
            throw new IllegalArgumentException("'" + value + "' must be at least 0");
        }
    };

    /** A whole number of at least 1. */
    ValueType POSITIVE_INTEGER = value -> {
        INTEGER.check(value);
        if (Integer.parseInt(value.strip()) < 1) {
            throw new IllegalArgumentException("'" + value + "' must be at least 1");
        }
    };

    /** An octal file mode mask such as {@code 077} or {@code 0022}. */
    ValueType OCTAL_MASK = new ValueType() {
        private final Pattern octal = Pattern.compile("0*[0-7]{1,4}");

        @Override
        public void check(String value) {
            if (!octal.matcher(value.strip()).matches() || Integer.parseInt(value.strip(), 8) > 07777) {
                throw new IllegalArgumentException("'" + value + "' is not an octal mask such as 022 or 077");
            }
        }
    };

    /**
     * Checks a value.
     *
     * @param value the text given on the command line
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    void check(String value);
}
