package dev.braid.app.launch;

import dev.braid.app.options.UsageError;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code braid} command line: Braid's twistd.
 *
 * <p>{@code braid [options] PLUGIN [plugin options]} runs the service a
 * plugin makes; {@code braid [options] --config FILE} runs a deployment
 * file's service tree; {@code braid --help} lists the options and plugins,
 * {@code braid PLUGIN --help} a plugin's options, {@code braid --version}
 * the version. Usage errors print the usage and the error and return 2
 * (twistd returns 0, which hides mistakes from scripts).
 *
 * <pre>{@code
 * int status = Launcher.standard(args).run();
 * }</pre>
 */
public final class Launcher {
    /** Exit status for a usage error. */
    public static final int USAGE = 2;

    private final List<String> args;
    private final Path startDirectory;
    private final PrintStream out;
    private final PrintStream err;

    private Launcher(List<String> args, Path startDirectory, PrintStream out, PrintStream err) {
        this.args = List.copyOf(args);
        this.startDirectory = startDirectory;
        this.out = out;
        this.err = err;
    }

    /**
     * Creates the launcher for this process's command line.
     *
     * @param args what {@code main} received
     * @return the launcher
     */
    public static Launcher standard(String[] args) {
        return new Launcher(List.of(args), Path.of("").toAbsolutePath(), System.out, System.err);
    }

    /**
     * Runs the command.
     *
     * @return the process's exit status
     */
    public int run() {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, startDirectory);
        } catch (UsageError e) {
            return usageError(e.getMessage());
        }
        if (options.version()) {
            out.print(version());
            return 0;
        }
        if (options.help()) {
            out.print(LaunchOptions.SPEC.help("braid"));
            return 0;
        }
        return usageError("no plugin or --config given");
    }

    private int usageError(String message) {
        err.print(LaunchOptions.SPEC.help("braid"));
        err.println();
        err.println("braid: " + message);
        return USAGE;
    }

    /**
     * Returns the text of {@code --version}.
     *
     * @return the version lines
     */
    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return "braid (the Braid daemon) " + (version == null ? "(development build)" : version) + "\n"
                + "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n";
    }
}
