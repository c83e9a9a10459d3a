package dev.braid.app.run;

import dev.braid.app.logging.LogFile;
import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's own options, before the plugin name (twistd's options):
 * {@code braid [options] PLUGIN [plugin options]} or
 * {@code braid [options] --config FILE}.
 *
 * <p>Paths are made absolute against the directory braid started in, when
 * the options are parsed, as twistd does for its pid file, so that
 * {@code --rundir} does not move them.
 *
 * @param nodaemon stay in the foreground ({@code -n})
 * @param logfile the log file; {@code "-"} for standard output; null for the
 *     default ({@code braid.log} as a daemon, standard output with {@code -n})
 * @param logfiles how many rotated log files to keep; 0 keeps them all
 * @param pidfile the pid file; null when disabled with an empty {@code --pidfile=}
 * @param uid the user to run as after binding ports, name or number; null to stay
 * @param gid the group to run as, name or number; null for the user's primary group
 * @param umask the file-creation mask; null for the default (077 as a daemon, unchanged with {@code -n})
 * @param rundir the directory to run in
 * @param config a deployment file to run instead of a plugin; null for none
 * @param help {@code --help} was given
 * @param version {@code --version} was given
 * @param command the plugin's (or {@code client}'s) name; null when none was given
 * @param commandArgs the arguments after the command's name
 */
public record LaunchOptions(boolean nodaemon, String logfile, int logfiles, Path pidfile, String uid, String gid, Integer umask,
                            Path rundir, Path config, boolean help, boolean version, String command,
                            List<String> commandArgs) {
    /** The pid file's default name, in the starting directory. */
    public static final String DEFAULT_PIDFILE = "braid.pid";
    /** The log file's default name for a daemon. */
    public static final String DEFAULT_LOGFILE = "braid.log";
    /** The umask a daemon gets unless {@code --umask} says otherwise. */
    public static final int DAEMON_UMASK = 0077;

    /** The spec behind {@code braid --help}. */
    public static final OptionSpec SPEC = OptionSpec.builder("braid")
            .flag("nodaemon", 'n', "don't daemonize, don't use default umask of 0077")
            .param("logfile", 'l', null, "log to a specified file, - for stdout [default: braid.log as a daemon, stdout with --nodaemon]")
            .param("logfiles", (char) 0, Integer.toString(LogFile.DEFAULT_MAX_ROTATED_FILES),
                    "How many rotated log files to keep (braid.log.1 to .N); 0 keeps them all.",
                    ValueType.NON_NEGATIVE_INTEGER)
            .param("pidfile", (char) 0, DEFAULT_PIDFILE, "Name of the pidfile; empty for none")
            .param("uid", 'u', null, "The uid to run as (a name or a number), after binding ports.")
            .param("gid", 'g', null, "The gid to run as.  If not specified, the default gid associated with the specified --uid is used.")
            .param("umask", (char) 0, null, "The (octal) file creation mask to apply.", ValueType.OCTAL_MASK)
            .param("rundir", 'd', ".", "Change to a supplied directory before running")
            .param("config", 'c', null, "Run the services described by a deployment file (YAML) instead of a plugin.")
            .flag("version", (char) 0, "Print version information and exit.")
            .arguments("[PLUGIN [plugin options]]", 0, Integer.MAX_VALUE)
            .description("""
                    braid runs a service tree: one made by a plugin named on the command line, \
                    or one described by a deployment file (--config). It writes a pid file, logs \
                    to a file rotated at 1 MB (keeping 10 old ones), and shuts down cleanly on SIGTERM and SIGINT; \
                    SIGUSR1 rotates the log file.""")
            .build();

    /**
     * Parses the launcher's command line.
     *
     * @param args everything after {@code braid}
     * @param startDirectory the directory braid started in
     * @return the options
     * @throws UsageError when an option is unknown or malformed
     */
    public static LaunchOptions parse(List<String> args, Path startDirectory) throws UsageError {
        ParsedOptions parsed = SPEC.parse(args, startDirectory);
        String pid = parsed.string("pidfile");
        List<String> rest = parsed.arguments();
        Optional<String> umask = parsed.value("umask");
        Optional<String> config = parsed.value("config");
        if (config.isPresent() && config.get().isEmpty()) {
            throw new UsageError("--config needs a file name");
        }
        return new LaunchOptions(
                parsed.flag("nodaemon"),
                parsed.value("logfile").orElse(null),
                parsed.integer("logfiles"),
                pid.isEmpty() ? null : parsed.resolve(pid),
                parsed.value("uid").filter(s -> !s.isEmpty()).orElse(null),
                parsed.value("gid").filter(s -> !s.isEmpty()).orElse(null),
                umask.map(m -> Integer.parseInt(m.strip(), 8)).orElse(null),
                parsed.path("rundir"),
                config.map(parsed::resolve).orElse(null),
                parsed.helpRequested(),
                parsed.flag("version"),
                rest.isEmpty() ? null : rest.getFirst(),
                rest.isEmpty() ? List.of() : List.copyOf(rest.subList(1, rest.size())));
    }

    /**
     * Returns the umask to apply: the one given, else 077 for a daemon.
     *
     * @return the mask, or empty to leave the inherited one
     */
    public Optional<Integer> effectiveUmask() {
        if (umask != null) {
            return Optional.of(umask);
        }
        return nodaemon ? Optional.empty() : Optional.of(DAEMON_UMASK);
    }

    /**
     * Returns whether the log goes to standard output.
     *
     * @return true for {@code -l -}, or {@code -n} without {@code -l}
     */
    public boolean logsToStdout() {
        return "-".equals(logfile) || nodaemon && (logfile == null || logfile.isEmpty());
    }

    /**
     * Returns the log file's absolute path when logging to a file.
     *
     * @param startDirectory the directory braid started in
     * @return the path, or empty when logging to standard output
     */
    public Optional<Path> logPath(Path startDirectory) {
        if (logsToStdout()) {
            return Optional.empty();
        }
        String name = logfile == null || logfile.isEmpty() ? DEFAULT_LOGFILE : logfile;
        return Optional.of(startDirectory.resolve(name).toAbsolutePath().normalize());
    }
}
