package dev.braid.app.examples;

import dev.braid.deferred.Failure;
import java.io.PrintStream;
import java.io.Serial;
import java.util.List;

/**
 * {@code failure-examples.py}: a Failure wraps an exception. Twisted makes
 * them for us; here are two made by hand. In Python only a caught exception
 * has a traceback; a Java exception records where it was made, so both
 * Failures here carry frames, and the second also shows where it was caught.
 */
final class FailureExamples {
    private FailureExamples() {
    }

    /** The tutorial's error. */
    static final class RhymeSchemeViolation extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("Just making an exception:");
        out.println();

        RhymeSchemeViolation e = new RhymeSchemeViolation();

        Failure failure = new Failure(e);

        out.println(failure);

        out.println();
        out.println();

        out.println("Catching an exception:");
        out.println();

        try {
            analyzePoem("""
                    Roses are red.
                    Violets are violet.
                    That's why they're called Violets.
                    Duh.
                    """);
        } catch (RhymeSchemeViolation caught) {
            failure = new Failure(caught);
        }

        // This failure saved both the exception and the traceback
        out.println(failure);
        out.print(failure.getTraceback());
        return 0;
    }

    private static void analyzePoem(String poem) throws RhymeSchemeViolation {
        throw new RhymeSchemeViolation();
    }
}
