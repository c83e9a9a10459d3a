package dev.braid.app.run;

import dev.braid.app.daemon.DaemonStatus;
import dev.braid.app.daemon.PidFile;
import dev.braid.app.daemon.PidFileException;
import dev.braid.app.daemon.Privileges;
import dev.braid.app.logging.ConsoleLog;
import dev.braid.app.logging.LogFile;
import dev.braid.app.logging.ProcessLog;
import dev.braid.app.logging.TwistdFormatter;
import dev.braid.app.options.UsageError;
import dev.braid.app.problems.Problems;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.internal.LoopInternals;
import dev.braid.deferred.service.Application;
import dev.braid.deferred.service.Service;
import dev.braid.posix.Posix;
import dev.braid.posix.PosixException;
import dev.braid.posix.Signals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a service tree in this process the way twistd's
 * {@code UnixApplicationRunner} does, in the foreground or as the daemon
 * that {@link dev.braid.app.daemon.Daemonizer} started:
 *
 * <ol>
 * <li>as a daemon, leave the terminal's session ({@code setsid});</li>
 * <li>check the pid file (refuse a live one, remove a stale one);</li>
 * <li>make the service tree;</li>
 * <li>start logging (to the log file, opened with the inherited umask, or to
 *     standard output) and log the start-up lines;</li>
 * <li>apply the umask (077 for a daemon unless {@code --umask});</li>
 * <li>write the pid file;</li>
 * <li>on the root {@link EventLoop}: {@code privilegedStartService} (ports
 *     are bound now), drop to {@code --uid}/{@code --gid}, then
 *     {@code startService}; a daemon then tells its launcher it started;</li>
 * <li>run until SIGTERM or SIGINT: stop the services (the loop's "before
 *     shutdown" trigger waits for their Deferreds), log twistd's shutdown
 *     lines, remove the pid file, and end by the same signal, so the exit
 *     status is 143 or 130 as with twistd.</li>
 * </ol>
 *
 * <p>SIGUSR1 rotates the log file when logging to a file. A second SIGTERM
 * or SIGINT during shutdown stops waiting for the services (twistd keeps
 * waiting). A failure to start gives exit status 1: one line when the
 * operating system refused something (a port in use), else logged with its
 * stack trace. A plugin's usage error found while making its service prints
 * {@code braid: <message>} and gives status 2.
 *
 * <pre>{@code
 * int status = new ServerRunner(options, start, source, false, System.err).run();
 * }</pre>
 */
public final class ServerRunner {
    /** Set by the AOT training run: stop right after the services started. */
    public static final String EXIT_AFTER_START = "BRAID_EXIT_AFTER_START";

    private static final Logger APP = Logger.getLogger(ServerRunner.class.getName());
    private static final Logger LEGACY = Logger.getLogger(TwistdFormatter.LEGACY_LOGGER);

    private final LaunchOptions options;
    private final Path startDirectory;
    private final AppSource source;
    private final boolean daemonChild;
    private final PrintStream err;

    private final AtomicReference<String> shutdownSignal = new AtomicReference<>();
    private volatile int exitStatus;
    private PidFile pidFile;
    private ProcessLog log;

    /**
     * Creates the runner.
     *
     * @param options the launcher's options
     * @param startDirectory the directory braid started in
     * @param source what to run
     * @param daemonChild true in the daemon that a launcher started and waits for
     * @param err where to print what happens before logging starts
     */
    public ServerRunner(LaunchOptions options, Path startDirectory, AppSource source, boolean daemonChild,
                        PrintStream err) {
        this.options = options;
        this.startDirectory = startDirectory;
        this.source = source;
        this.daemonChild = daemonChild;
        this.err = err;
    }

    /**
     * Runs the server until it is stopped.
     *
     * @return the exit status (0 after a shutdown not caused by a signal, 1
     *     when start-up failed); after SIGTERM or SIGINT the process ends by
     *     that signal instead of returning
     */
    public int run() {
        DaemonStatus status = daemonChild ? DaemonStatus.onStandardOutput() : DaemonStatus.on(nullStream());
        if (daemonChild) {
            try {
                Posix.setsid();
            } catch (PosixException e) {
                return refuse("cannot start a new session: " + e.getMessage(), status);
            }
        }
        Optional<String> stale = Optional.empty();
        if (options.pidfile() != null) {
            pidFile = new PidFile(options.pidfile());
            try {
                stale = pidFile.check();
            } catch (PidFileException e) {
                pidFile = null;
                return refuse(e.getMessage(), status);
            }
            stale.ifPresent(err::println);
        }
        Application application = Application.create(source.name());
        Service service = application.services();
        Optional<Privileges> privileges;
        try {
            privileges = privileges(options, source);
        } catch (IllegalArgumentException e) {
            return refuse("braid: " + e.getMessage(), status);
        }
        try {
            source.loader().load(application.services());
        } catch (UsageError e) {
            // a plugin that finds its options wrong while making its service: a usage error, in one line
            err.println("braid: " + e.getMessage());
            status.failed(e.getMessage());
            return UsageError.EXIT_STATUS;
        } catch (Exception e) {
            return refuse("Failed to load application: " + describe(e), status);
        }
        try {
            log = ProcessLog.install(openLog());
        } catch (IOException e) {
            return refuse("Cannot open the log file: " + describe(e), status);
        }
        // Signals are handled from here on: a SIGTERM that arrives once the pid
        // file exists must already mean a clean shutdown.
        EventLoop loop = EventLoop.create("braid");
        installSignals(loop);
        stale.ifPresent(line -> LEGACY.warning(line));
        APP.info("braid " + BraidVersion.version() + " (" + ProcessHandle.current().info().command().orElse("java")
                + " " + Runtime.version() + ") starting up.");
        options.effectiveUmask().ifPresent(Posix::umask);
        if (pidFile != null) {
            try {
                pidFile.write(Posix.getpid());
            } catch (PidFileException e) {
                pidFile = null;
                APP.severe(e.getMessage());
                status.failed(e.getMessage());
                log.close();
                return 1;
            }
        }
        loop.callWhenRunning(() -> start(loop, service, privileges, status));
        loop.run();
        LEGACY.info("Main loop terminated.");
        APP.info("Server Shut Down.");
        removePidFile();
        log.close();
        String signal = shutdownSignal.get();
        if (signal != null && exitStatus == 0) {
            exitBySignal(signal);
        }
        return exitStatus;
    }

    /**
     * Resolves the user and group to run as: {@code --uid}/{@code --gid},
     * else the deployment file's.
     *
     * @param options the launcher's options
     * @param source what runs
     * @return the target, or empty to stay as we are
     * @throws IllegalArgumentException naming an unknown user or group
     */
    public static Optional<Privileges> privileges(LaunchOptions options, AppSource source) {
        return Privileges.resolve(options.uid() != null ? options.uid() : source.uid(),
                options.gid() != null ? options.gid() : source.gid());
    }

    private Handler openLog() throws IOException {
        Optional<Path> path = options.logPath(startDirectory);
        if (path.isEmpty()) {
            return new ConsoleLog();
        }
        return LogFile.builder(path.get()).maxRotatedFiles(options.logfiles()).build();
    }

    private void start(EventLoop loop, Service service, Optional<Privileges> privileges, DaemonStatus status) {
        APP.info("reactor class: " + EventLoop.class.getName() + " (" + LoopInternals.backendName(loop).orElse("?") + " subtasks).");
        try {
            service.privilegedStartService();
            if (privileges.isPresent()) {
                privileges.get().drop();
                LEGACY.info(privileges.get().logLine());
            }
            service.startService();
        } catch (Throwable error) {
            if (Problems.fromEnvironment(error)) {
                // a port in use, a file that cannot be read: one line says it all
                APP.severe("Failed to start the application " + source.name() + ": " + describe(error));
            } else {
                APP.log(Level.SEVERE, "Failed to start the application " + source.name(), error);
            }
            exitStatus = 1;
            status.failed(describe(error));
            loop.stop();
            return;
        }
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown", service::stopService);
        status.started();
        if (System.getenv(EXIT_AFTER_START) != null) {
            loop.stop();
        }
    }

    private void installSignals(EventLoop loop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signals.handle(name, () -> onShutdownSignal(loop, name));
        }
        log.logFile().ifPresent(file -> Signals.handle("USR1", file::rotate));
    }

    private void onShutdownSignal(EventLoop loop, String name) {
        if (shutdownSignal.compareAndSet(null, name)) {
            loop.callFromThread(() -> {
                LEGACY.info("Received SIG" + name + ", shutting down.");
                if (loop.isRunning()) {
                    loop.stop();
                }
            });
            return;
        }
        // A second signal: the user will not wait for services that do not stop.
        LEGACY.warning("Received SIG" + name + " again while shutting down; exiting without waiting for the services.");
        removePidFile();
        log.close();
        exitBySignal(name);
    }

    private synchronized void removePidFile() {
        if (pidFile != null) {
            pidFile.remove(Posix.getpid()).ifPresent(LEGACY::warning);
            pidFile = null;
        }
    }

    private int refuse(String message, DaemonStatus status) {
        err.println(message);
        status.failed(message);
        return 1;
    }

    /**
     * Ends the process by a signal's default action (as twistd re-raises the
     * signal it got), so a parent sees "killed by SIGTERM", status 143.
     *
     * @param name the signal, such as {@code "TERM"}
     */
    static void exitBySignal(String name) {
        int number = "INT".equals(name) ? Posix.SIGINT : Posix.SIGTERM;
        try {
            Signals.restoreDefault(name);
            Posix.kill(Posix.getpid(), number);
            Thread.sleep(5_000); // the signal is on its way; this thread must not return meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // fall through to the shell's convention
        }
        Runtime.getRuntime().halt(128 + number);
    }

    static String describe(Throwable error) {
        return Problems.describe(error);
    }

    private static PrintStream nullStream() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
