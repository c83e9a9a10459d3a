package dev.braid.app.launch;

import dev.braid.app.daemon.Daemonizer;
import dev.braid.app.daemon.JvmCommand;
import dev.braid.app.daemon.PidFile;
import dev.braid.app.daemon.PidFileException;
import dev.braid.app.deploy.Deployment;
import dev.braid.app.deploy.DeploymentException;
import dev.braid.app.deploy.DeploymentFile;
import dev.braid.app.deploy.ServiceTree;
import dev.braid.app.options.HelpText;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.plugin.Plugins;
import dev.braid.app.plugin.ServiceMaker;
import dev.braid.app.run.AppSource;
import dev.braid.app.run.BraidVersion;
import dev.braid.app.run.LaunchOptions;
import dev.braid.app.run.ServerRunner;
import dev.braid.posix.Posix;
import dev.braid.posix.PosixException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code braid} command line: Braid's twistd.
 *
 * <p>{@code braid [options] PLUGIN [plugin options]} runs the service a
 * plugin makes; {@code braid [options] --config FILE} runs a deployment
 * file's service tree; {@code braid client get-poetry HOST:PORT...} runs a
 * client; {@code braid example NAME} runs a Twisted Introduction example; {@code braid --help} lists the options and plugins,
 * {@code braid PLUGIN --help} a plugin's options, {@code braid --version}
 * the version.
 *
 * <p>Everything that can be checked is checked here, in the process the user
 * started, before daemonizing: options (a usage error prints the usage and
 * the error and returns 2; twistd returns 0, which hides mistakes from
 * scripts), the deployment file, the pid file, {@code --rundir}. Then,
 * without {@code -n}, braid starts itself again as a detached daemon
 * ({@link Daemonizer}) and returns once it reports; with {@code -n}, the
 * {@link ServerRunner} runs here. A JVM cannot change its working directory
 * for good, so {@code -n --rundir DIR} re-executes the JVM in {@code DIR}
 * (same pid, via {@code execv}).
 *
 * <pre>{@code
 * int status = Launcher.standard(Braid.class, args).run();
 * }</pre>
 */
public final class Launcher {
    /** Exit status for a usage error. */
    public static final int USAGE = UsageError.EXIT_STATUS;

    /** Internal: set by the launcher for the daemon it starts. */
    static final String DAEMON_CHILD = "--braid-daemon-child";
    /** Internal: the directory the user started braid in, for a re-executed braid. */
    static final String START_DIRECTORY = "--braid-start-directory=";

    private final Class<?> mainClass;
    private final List<String> rawArgs;
    private final List<String> args;
    private final boolean daemonChild;
    private final Path startDirectory;
    private final PrintStream out;
    private final PrintStream err;
    private final Plugins plugins;
    private final ClientCommands clients;
    private final ExampleCommands examples;

    private Launcher(Class<?> mainClass, List<String> rawArgs, Plugins plugins, PrintStream out, PrintStream err) {
        this.mainClass = mainClass;
        this.rawArgs = List.copyOf(rawArgs);
        List<String> rest = new ArrayList<>(rawArgs);
        boolean child = false;
        Path start = Path.of("").toAbsolutePath();
        while (!rest.isEmpty() && rest.getFirst().startsWith("--braid-")) {
            String internal = rest.removeFirst();
            if (internal.equals(DAEMON_CHILD)) {
                child = true;
            } else if (internal.startsWith(START_DIRECTORY)) {
                start = Path.of(internal.substring(START_DIRECTORY.length()));
            } else {
                rest.addFirst(internal);
                break;
            }
        }
        this.args = List.copyOf(rest);
        this.daemonChild = child;
        this.startDirectory = start;
        this.out = out;
        this.err = err;
        this.plugins = plugins;
        this.clients = new ClientCommands(out, err);
        this.examples = new ExampleCommands(out, err);
    }

    /**
     * Creates the launcher for this process's command line and class path.
     *
     * @param mainClass the class whose {@code main} runs it (a daemon runs that class again)
     * @param args what {@code main} received
     * @return the launcher
     */
    public static Launcher standard(Class<?> mainClass, String[] args) {
        return new Launcher(mainClass, List.of(args), Plugins.load(), System.out, System.err);
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
            return usageError(LaunchOptions.SPEC.help("braid"), e.getMessage());
        }
        if (options.version()) {
            out.print(BraidVersion.text());
            return 0;
        }
        if (ClientCommands.NAME.equals(options.command())) {
            return clients.run(options.commandArgs(), startDirectory);
        }
        if (ExampleCommands.NAME.equals(options.command())) {
            return examples.run(options.commandArgs());
        }
        if (options.help() && options.command() == null) {
            out.print(help());
            return 0;
        }
        AppSource source;
        switch (plan(options)) {
            case Plan.Exit exit -> {
                return exit.status();
            }
            case Plan.Run run -> source = run.source();
        }
        if (daemonChild) {
            return new ServerRunner(options, startDirectory, source, true, err).run();
        }
        try {
            ServerRunner.privileges(options, source);
        } catch (IllegalArgumentException e) {
            err.println("braid: " + e.getMessage());
            return 1;
        }
        if (!Files.isDirectory(options.rundir())) {
            err.println("braid: --rundir " + options.rundir() + " is not a directory");
            return 1;
        }
        if (options.nodaemon()) {
            reexecInRundir(options);
            return new ServerRunner(options, startDirectory, source, false, err).run();
        }
        return daemonize(options);
    }

    /** What the command line asks for once its options are parsed. */
    private sealed interface Plan {
        /** Nothing to run: help was shown or an error printed. */
        record Exit(int status) implements Plan {
        }

        /** A service tree to run. */
        record Run(AppSource source) implements Plan {
        }
    }

    private Plan plan(LaunchOptions options) {
        if (options.config() != null) {
            if (options.command() != null) {
                return new Plan.Exit(usageError(help(),
                        "give either a plugin or --config, not both (found plugin '" + options.command() + "')"));
            }
            try {
                Deployment deployment = DeploymentFile.load(options.config());
                ServiceTree tree = new ServiceTree(plugins);
                tree.check(deployment);
                return new Plan.Run(new AppSource(deployment.name(), root -> tree.build(deployment, root), deployment.uid(),
                        deployment.gid()));
            } catch (DeploymentException e) {
                err.println("Failed to load application: " + e.getMessage());
                return new Plan.Exit(1);
            }
        }
        if (options.command() == null) {
            return new Plan.Exit(usageError(help(), "no plugin or --config given"));
        }
        Optional<ServiceMaker> found = plugins.find(options.command());
        if (found.isEmpty()) {
            return new Plan.Exit(usageError(help(), "Unknown command: " + options.command()));
        }
        ServiceMaker maker = found.get();
        String usage = maker.options().help("braid [options] " + maker.name());
        ParsedOptions parsed;
        try {
            parsed = maker.options().parse(options.commandArgs(), startDirectory);
        } catch (UsageError e) {
            return new Plan.Exit(usageError(usage, e.getMessage()));
        }
        if (parsed.helpRequested()) {
            out.print(usage);
            return new Plan.Exit(0);
        }
        return new Plan.Run(new AppSource(maker.name(),
                root -> maker.makeService(parsed).setServiceParent(root), null, null));
    }

    private int daemonize(LaunchOptions options) {
        if (options.logsToStdout()) {
            err.println("Daemons cannot log to stdout, exiting!");
            return 1;
        }
        if (options.pidfile() != null) {
            try {
                new PidFile(options.pidfile()).check().ifPresent(err::println);
            } catch (PidFileException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        List<String> childArgs = new ArrayList<>();
        childArgs.add(DAEMON_CHILD);
        childArgs.add(START_DIRECTORY + startDirectory);
        childArgs.addAll(args);
        List<String> command = JvmCommand.current(rawArgs.toArray(String[]::new), mainClass)
                .withArguments(childArgs);
        return new Daemonizer(err).start(command, options.rundir());
    }

    /** Runs this JVM again in {@code --rundir}, keeping the pid; returns when already there. */
    private void reexecInRundir(LaunchOptions options) {
        Path here = Path.of("").toAbsolutePath();
        if (options.rundir().equals(here)) {
            return;
        }
        List<String> again = new ArrayList<>();
        again.add(START_DIRECTORY + startDirectory);
        again.addAll(args);
        List<String> argv = JvmCommand.current(rawArgs.toArray(String[]::new), mainClass)
                .withArguments(again);
        try {
            Posix.chdir(options.rundir().toString());
            Posix.execv(argv.getFirst(), argv);
        } catch (PosixException e) {
            err.println("braid: cannot run in " + options.rundir() + ": " + e.getMessage());
            Runtime.getRuntime().exit(1);
        }
    }

    private String help() {
        StringBuilder text = new StringBuilder(LaunchOptions.SPEC.help("braid"));
        text.append("\nCommands:\n");
        List<String[]> rows = new ArrayList<>();
        for (ServiceMaker maker : plugins.all()) {
            rows.add(new String[] {maker.name(), maker.description()});
        }
        rows.add(new String[] {ClientCommands.NAME, ClientCommands.DESCRIPTION});
        rows.add(new String[] {ExampleCommands.NAME, ExampleCommands.DESCRIPTION});
        text.append(HelpText.columns(rows, 4, 16));
        for (String problem : plugins.problems()) {
            text.append("\nwarning: ").append(problem).append('\n');
        }
        return text.toString();
    }

    private int usageError(String usage, String message) {
        err.print(usage);
        err.println();
        err.println("braid: " + message);
        return USAGE;
    }
}
