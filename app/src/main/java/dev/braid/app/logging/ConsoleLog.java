package dev.braid.app.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A log handler writing twistd-formatted lines to the process's real standard
 * output (file descriptor 1), as {@code twistd -n} does when no log file is
 * named. It writes to the descriptor itself, not to {@link System#out},
 * which braid redirects into the log.
 *
 * <pre>{@code
 * Logger.getLogger("").addHandler(new ConsoleLog());
 * }</pre>
 */
public final class ConsoleLog extends Handler {
    private final OutputStream out;

    /** Creates a handler on file descriptor 1. */
    public ConsoleLog() {
        this(new FileOutputStream(FileDescriptor.out));
    }

    /**
     * Creates a handler on a given stream (for tests).
     *
     * @param out where the lines go; each record is written and flushed at once
     */
    public ConsoleLog(OutputStream out) {
        this.out = out;
        setFormatter(new TwistdFormatter());
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        try {
            out.write(getFormatter().format(record).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            reportError("cannot write to standard output", e instanceof Exception ex ? ex : null, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot flush standard output", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
