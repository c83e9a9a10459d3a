package dev.braid.app.logging;

import io.helidon.logging.common.LogConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points the whole process's logging at one handler, as twistd's
 * {@code startLogging} does: java.util.logging's root logger (and through it
 * Helidon's {@code System.Logger}s) writes there, {@link System#out} and
 * {@link System#err} become {@code [stdout#info]} and {@code [stderr#error]}
 * lines, and an exception that escapes a thread is logged with its stack
 * trace instead of printed.
 *
 * <p>The levels come from {@code logging.properties}, read once through
 * helidon-logging-jul ({@code LogConfig}): the run directory's file, or
 * {@code -Djava.util.logging.config.file}, else braid's own (INFO and above).
 * That happens here, before the handler is installed — were it left to the
 * first web server's start, it would reset the logging and drop the handler.
 *
 * <pre>{@code
 * ProcessLog log = ProcessLog.install(LogFile.builder(path).build());
 * log.logFile().ifPresent(file -> Signals.handle("USR1", file::rotate));
 * }</pre>
 */
public final class ProcessLog {
    /** The logger of stray standard-output lines. */
    public static final String STDOUT = "stdout";
    /** The logger of stray standard-error lines. */
    public static final String STDERR = "stderr";

    private final Handler handler;

    private ProcessLog(Handler handler) {
        this.handler = handler;
    }

    /**
     * Replaces every root handler with {@code handler} and redirects the
     * standard streams into the log.
     *
     * @param handler where every record goes
     * @return the installed log
     */
    public static ProcessLog install(Handler handler) {
        LogConfig.configureRuntime();   // reads logging.properties, once per process
        Logger root = Logger.getLogger("");
        for (Handler configured : root.getHandlers()) {
            root.removeHandler(configured);
            configured.close();
        }
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        System.setOut(new PrintStream(new LineLogger(Logger.getLogger(STDOUT), Level.INFO), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new LineLogger(Logger.getLogger(STDERR), Level.SEVERE), true, StandardCharsets.UTF_8));
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> Logger.getLogger(ProcessLog.class.getName())
                .log(Level.SEVERE, "Unhandled exception in thread " + thread.getName(), error));
        return new ProcessLog(handler);
    }

    /**
     * Returns the rotating file, when logging to one.
     *
     * @return the file handler, or empty when logging to standard output
     */
    public Optional<LogFile> logFile() {
        return handler instanceof LogFile file ? Optional.of(file) : Optional.empty();
    }

    /** Flushes and closes the handler; records logged afterwards are dropped. */
    public void close() {
        System.out.flush();
        System.err.flush();
        handler.flush();
        handler.close();
    }
}
