package dev.braid.trace;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.Failure;
import dev.braid.deferred.DeferredCycleError;
import dev.braid.deferred.FirstError;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Renders values and exceptions the way the trace format writes them ({@code R(v)} and {@code EXCR(e)}). */
final class Renderer {
    private final Map<Deferred<?>, String> firstNames = new IdentityHashMap<>();

    /** Remembers the first name bound to a Deferred; later names do not replace it. */
    void bind(Deferred<?> deferred, String name) {
        firstNames.putIfAbsent(deferred, name);
    }

    String nameOf(Deferred<?> deferred) {
        return firstNames.getOrDefault(deferred, "?");
    }

    /** {@code R(v)}. A bare Outcome is fireOnOneCallback's {@code (result, index)}. */
    String value(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Long n -> Long.toString(n);
            case String s -> "'" + s + "'";
            case Failure f -> "Failure(" + error(f.value()) + ")";
            case Deferred<?> d -> "Deferred(" + nameOf(d) + ")";
            case DeferredList.Outcome<?> o -> "(" + value(o.result()) + ", " + o.index() + ")";
            case List<?> list -> list(list);
            default -> String.valueOf(v);
        };
    }

    private String list(List<?> list) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (Object item : list) {
            out.add(item instanceof DeferredList.Outcome<?> o
                    ? "(" + value(o.success()) + ", " + value(o.result()) + ")"
                    : value(item));
        }
        return out.toString();
    }

    /** {@code EXCR(e)}: {@code TYPE: MSG}, {@code TYPE}, or FirstError's own form. */
    String error(Throwable e) {
        if (e instanceof FirstError first) {
            return "FirstError: #" + first.index() + " " + value(first.subFailure());
        }
        if (e instanceof DeferredCycleError) {
            return "RecursionError: maximum recursion depth exceeded"; // where Twisted runs out of stack
        }
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }
}
