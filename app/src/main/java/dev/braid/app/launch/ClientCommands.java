package dev.braid.app.launch;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code braid client NAME ...}: the command-line clients that come with
 * Braid, such as {@code get-poetry}.
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
        err.println("braid client: no clients yet");
        return Launcher.USAGE;
    }
}
