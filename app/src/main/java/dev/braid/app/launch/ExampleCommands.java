package dev.braid.app.launch;

import dev.braid.app.examples.Example;
import dev.braid.app.examples.ExampleArgs;
import dev.braid.app.examples.Examples;
import dev.braid.app.options.HelpText;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code braid example NAME [arguments]}: runs one of the Twisted
 * Introduction's small programs written in Java. An exception the example
 * lets escape ends it as an uncaught one ends the Python original: its stack
 * trace on standard error and exit status 1. Usage errors return 2.
 */
final class ExampleCommands {
    static final String NAME = "example";
    static final String DESCRIPTION = "Runs a Twisted Introduction example in Java: braid example NAME";

    private final PrintStream out;
    private final PrintStream err;

    ExampleCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.isEmpty() || args.getFirst().equals("--help")) {
            (args.isEmpty() ? err : out).print(list());
            return args.isEmpty() ? Launcher.USAGE : 0;
        }
        Optional<Example> found = Examples.find(args.getFirst());
        if (found.isEmpty()) {
            err.println("braid example: unknown example '" + args.getFirst() + "' (braid example --help lists them)");
            return Launcher.USAGE;
        }
        Example example = found.get();
        try {
            return example.program().run(args.subList(1, args.size()), out, err);
        } catch (ExampleArgs.BadArguments e) {
            err.println("braid example " + example.name() + ": " + e.getMessage());
            return Launcher.USAGE;
        } catch (Exception e) {
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String list() {
        List<String[]> rows = new ArrayList<>();
        for (Example example : Examples.all()) {
            rows.add(new String[] {example.name(), example.summary() + " (" + example.tutorialFile() + ")"});
        }
        return "Usage: braid example NAME [arguments]\n"
                + "The Twisted Introduction's small programs, in Java:\n"
                + HelpText.columns(rows, 4, 20);
    }
}
