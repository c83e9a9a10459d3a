package dev.braid.app.launch;

import dev.braid.app.client.GetPoetry;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code braid client NAME ...}: the command-line clients that come with
 * Braid. Today one: {@code get-poetry}. Usage errors return 2, as the
 * launcher's do.
 */
final class ClientCommands {
    static final String NAME = "client";
    static final String DESCRIPTION = "Runs a client: braid client get-poetry HOST:PORT...";

    private final PrintStream out;
    private final PrintStream err;

    ClientCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args, Path startDirectory) {
        if (args.isEmpty() || args.getFirst().equals("--help")) {
            (args.isEmpty() ? err : out).print("""
                    Usage: braid client CLIENT [options] [arguments]
                    Clients:
                        get-poetry      Downloads poems from poetry servers: get-poetry HOST:PORT...
                    """);
            return args.isEmpty() ? Launcher.USAGE : 0;
        }
        if (!args.getFirst().equals(GetPoetry.NAME)) {
            err.println("braid client: unknown client '" + args.getFirst() + "' (braid client --help lists them)");
            return Launcher.USAGE;
        }
        String usage = GetPoetry.options().help("braid client " + GetPoetry.NAME);
        ParsedOptions options;
        try {
            options = GetPoetry.options().parse(args.subList(1, args.size()), startDirectory);
        } catch (UsageError e) {
            err.print(usage);
            err.println();
            err.println("braid client " + GetPoetry.NAME + ": " + e.getMessage());
            return Launcher.USAGE;
        }
        if (options.helpRequested()) {
            out.print(usage);
            return 0;
        }
        try {
            return new GetPoetry(out, err).run(options);
        } catch (IllegalArgumentException e) {
            err.print(usage);
            err.println();
            err.println("braid client " + GetPoetry.NAME + ": " + e.getMessage());
            return Launcher.USAGE;
        }
    }
}
