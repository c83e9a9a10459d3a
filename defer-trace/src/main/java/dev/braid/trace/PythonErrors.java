package dev.braid.trace;

import dev.braid.deferred.AlreadyCalledError;
import dev.braid.deferred.CancelledError;
import dev.braid.deferred.FirstError;
import java.io.Serial;
import java.util.Map;
import java.util.function.Function;

/**
 * The exception types a script can name. Python's built-ins get Java
 * stand-ins with the same simple names (the trace prints simple names);
 * {@code CancelledError}, {@code FirstError} and {@code AlreadyCalledError}
 * are Braid's own.
 */
final class PythonErrors {
    private PythonErrors() {
    }

    /** Base of the stand-ins: an exception whose message is its one argument. */
    abstract static class PythonError extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        PythonError(String message) {
            super(message, null, false, false);
        }
    }

    static final class ValueError extends PythonError {
        @Serial
        private static final long serialVersionUID = 1L;

        ValueError(String message) {
            super(message);
        }
    }

    static final class KeyError extends PythonError {
        @Serial
        private static final long serialVersionUID = 1L;

        KeyError(String message) {
            super(message);
        }
    }

    static final class TypeError extends PythonError {
        @Serial
        private static final long serialVersionUID = 1L;

        TypeError(String message) {
            super(message);
        }
    }

    static final class RuntimeError extends PythonError {
        @Serial
        private static final long serialVersionUID = 1L;

        RuntimeError(String message) {
            super(message);
        }
    }

    static final class ZeroDivisionError extends PythonError {
        @Serial
        private static final long serialVersionUID = 1L;

        ZeroDivisionError(String message) {
            super(message);
        }
    }

    static final class IndexError extends PythonError {
        @Serial
        private static final long serialVersionUID = 1L;

        IndexError(String message) {
            super(message);
        }
    }

    /** EXC: the names that make a new exception from a message. */
    static final Map<String, Function<String, RuntimeException>> RAISABLE = Map.of(
            "ValueError", ValueError::new,
            "KeyError", KeyError::new,
            "TypeError", TypeError::new,
            "RuntimeError", RuntimeError::new,
            "ZeroDivisionError", ZeroDivisionError::new,
            "IndexError", IndexError::new,
            "CancelledError", CancelledError::new);

    /** TRAPTYPE: the names {@code trap} accepts. */
    static final Map<String, Class<? extends Throwable>> TRAPPABLE = Map.of(
            "ValueError", ValueError.class,
            "KeyError", KeyError.class,
            "TypeError", TypeError.class,
            "RuntimeError", RuntimeError.class,
            "ZeroDivisionError", ZeroDivisionError.class,
            "IndexError", IndexError.class,
            "CancelledError", CancelledError.class,
            "FirstError", FirstError.class,
            "AlreadyCalledError", AlreadyCalledError.class);
}
