package dev.braid.app.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * One tutorial program: its name on the command line, the tutorial file it
 * stands for, and the program itself.
 *
 * @param name the name after {@code braid example}, such as {@code defer-1}
 * @param tutorialFile the original, such as {@code twisted-deferred/defer-1.py}
 * @param summary one line for the list of examples
 * @param program what it runs
 */
public record Example(String name, String tutorialFile, String summary, Program program) {
    /** The body of an example: prints to {@code out} and {@code err} as the original prints to stdout and stderr. */
    @FunctionalInterface
    public interface Program {
        /**
         * Runs the example.
         *
         * @param args the command-line arguments after the example's name
         * @param out standard output
         * @param err standard error
         * @return the exit status
         * @throws Exception what the original lets escape (then it exits 1 with a traceback)
         */
        int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
    }
}
