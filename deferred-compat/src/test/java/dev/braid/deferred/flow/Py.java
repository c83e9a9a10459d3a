package dev.braid.deferred.flow;

import java.util.List;
import java.util.stream.Collectors;

/** Prints values the way the tutorial's Python 2 {@code print} did, so its outputs can be compared as text. */
final class Py {
    /** A Python tuple: printed with parentheses. */
    record Tuple(List<Object> items) {
    }

    private Py() {
    }

    static String repr(Object value) {
        return switch (value) {
            case null -> "None";
            case String s -> "'" + s + "'";
            case Tuple(List<Object> items) -> items.size() == 1 ? "(" + repr(items.getFirst()) + ",)"
                    : items.stream().map(Py::repr).collect(Collectors.joining(", ", "(", ")"));
            case List<?> list -> list.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
            default -> String.valueOf(value);
        };
    }

    /** Python 2's {@code print a, b}: str() of each, separated by spaces. */
    static String print(Object... values) {
        return java.util.Arrays.stream(values)
                .map(v -> v instanceof String s ? s : repr(v))
                .collect(Collectors.joining(" "));
    }
}
