package dev.braid.app.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An output stream that turns each line written to it into a log record:
 * what braid puts in {@link System#out} and {@link System#err} so that a
 * daemon's stray prints end up in its log, as twistd logs them as
 * {@code [stdout#info]} and {@code [stderr#error]}.
 *
 * <p>Bytes are collected until a newline (or until 64 KB pile up, so a
 * stream that never ends a line cannot grow without bound) and decoded as
 * UTF-8. Thread-safe.
 *
 * <pre>{@code
 * System.setOut(new PrintStream(new LineLogger(Logger.getLogger("stdout"), Level.INFO), true, UTF_8));
 * }</pre>
 */
public final class LineLogger extends OutputStream {
    private static final int MAX_LINE = 64 * 1024;

    private final Logger logger;
    private final Level level;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * Creates a stream logging to {@code logger}.
     *
     * @param logger where each line goes
     * @param level the level of each record
     */
    public LineLogger(Logger logger, Level level) {
        this.logger = logger;
        this.level = level;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        line.write(b);
        if (line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() {
        // A partial line waits for its newline: flushing half a line would split one message in two.
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        logger.log(level, text);
    }
}
