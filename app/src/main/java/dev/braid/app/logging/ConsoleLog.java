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
 * <p>As {@link LogFile}, logging threads only format their record; one writer
 * thread writes them in order, in batches. {@link #flush()} returns once every
 * record logged before it has been written.
 *
 * <pre>{@code
 * Logger.getLogger("").addHandler(new ConsoleLog());
 * }</pre>
 */
public final class ConsoleLog extends Handler {
    private final OutputStream out;
    private final BatchWriter writer;

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
        this.writer = new BatchWriter("braid-log-writer stdout", this::writeRecords,
                (message, error) -> reportError(message + " to standard output", error, ErrorManager.WRITE_FAILURE));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String text;
        try {
            text = getFormatter().format(record);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        writer.submit(text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeRecords(java.util.List<byte[]> records) throws IOException {
        int total = 0;
        for (byte[] record : records) {
            total += record.length;
        }
        byte[] batch = new byte[total];
        int at = 0;
        for (byte[] record : records) {
            System.arraycopy(record, 0, batch, at, record.length);
            at += record.length;
        }
        out.write(batch);
        out.flush();
    }

    /** Returns once every record logged before this call has been written. */
    @Override
    public void flush() {
        try {
            writer.call(out::flush);
        } catch (IOException e) {
            reportError("cannot flush standard output", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    /** Writes what is left; the stream itself stays open (it is the process's standard output). */
    @Override
    public void close() {
        try {
            writer.close(out::flush);
        } catch (IOException e) {
            reportError("cannot flush standard output", e, ErrorManager.FLUSH_FAILURE);
        }
    }
}
