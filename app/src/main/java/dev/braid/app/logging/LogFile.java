package dev.braid.app.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A log handler writing to a file that rotates by size with twistd's names:
 * the current file is {@code braid.log}, the newest old one
 * {@code braid.log.1}, then {@code .2} and so on (Twisted's
 * {@code twisted.python.logfile.LogFile}, which JUL's {@code FileHandler}
 * cannot imitate).
 *
 * <p>Before each record is written, a file that has reached the rotation
 * length (1,000,000 bytes by default) is rotated, so files end a little over
 * the length and a record never straddles two files. Each record is written
 * with one {@code write} on a file opened for appending, under the handler's
 * lock, so no line is lost or split by a rotation, whoever logs.
 * {@link #rotate()} rotates at once (braid calls it on SIGUSR1). The file is
 * opened in append mode: restarting adds to it.
 *
 * <p>Rotation renames {@code .N} to {@code .N+1} from the highest down
 * (deleting those at or beyond {@code maxRotatedFiles}: 10 by default, so
 * the log of a busy or attacked server cannot fill the disk; twistd keeps
 * them all, which {@code maxRotatedFiles(0)} restores),
 * then the current file to {@code .1}, and opens a fresh file. When the
 * directory or file is not writable (after dropping privileges, for
 * instance) twistd silently keeps writing to the same file; this handler
 * does too, but says so once in the file itself.
 *
 * <pre>{@code
 * LogFile log = LogFile.builder(Path.of("braid.log")).rotateLength(1_000_000).build();
 * Logger.getLogger("").addHandler(log);
 * }</pre>
 */
public final class LogFile extends Handler {
    /** twistd's rotation length. */
    public static final long DEFAULT_ROTATE_LENGTH = 1_000_000;
    /** How many rotated files are kept unless told otherwise. */
    public static final int DEFAULT_MAX_ROTATED_FILES = 10;

    private final Path path;
    private final long rotateLength;
    private final int maxRotatedFiles;

    private FileChannel channel;            // guarded by this
    private long size;                      // guarded by this
    private boolean rotationProblemNoted;   // guarded by this

    private LogFile(Builder builder) throws IOException {
        this.path = builder.path.toAbsolutePath();
        this.rotateLength = builder.rotateLength;
        this.maxRotatedFiles = builder.maxRotatedFiles;
        setFormatter(new TwistdFormatter());
        open();
    }

    /**
     * Starts configuring a log file.
     *
     * @param path the current file's path
     * @return a builder
     */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = channel.size();
    }

    /**
     * Returns the current file's path.
     *
     * @return the absolute path
     */
    public Path path() {
        return path;
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
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes as one record: rotates first if the file is full.
     *
     * @param bytes the record's bytes, ending with a newline
     */
    synchronized void write(byte[] bytes) {
        if (channel == null) {
            return;
        }
        try {
            if (size >= rotateLength) {
                rotateNow();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                size += channel.write(buffer);
            }
        } catch (IOException e) {
            reportError("cannot write to " + path, e, ErrorManager.WRITE_FAILURE);
        }
    }

    /**
     * Rotates the file now, whatever its size (SIGUSR1). Does nothing after
     * {@link #close()}.
     */
    public synchronized void rotate() {
        if (channel == null) {
            return;
        }
        try {
            rotateNow();
        } catch (IOException e) {
            reportError("cannot rotate " + path, e, ErrorManager.GENERIC_FAILURE);
        }
    }

    private void rotateNow() throws IOException {
        Path directory = path.getParent();
        if (!Files.isWritable(directory) || !Files.isWritable(path)) {
            noteRotationProblem("cannot rotate " + path + ": the file or its directory is not writable; logging goes on in the same file");
            return;
        }
        for (int index : rotatedIndexes().reversed()) {
            Path old = rotated(index);
            if (maxRotatedFiles > 0 && index >= maxRotatedFiles) {
                Files.deleteIfExists(old);
            } else {
                Files.move(old, rotated(index + 1));
            }
        }
        channel.close();
        Files.move(path, rotated(1));
        open();
    }

    private void noteRotationProblem(String problem) throws IOException {
        if (rotationProblemNoted) {
            return;
        }
        rotationProblemNoted = true;
        LogRecord note = new LogRecord(java.util.logging.Level.WARNING, problem);
        note.setLoggerName(LogFile.class.getName());
        ByteBuffer buffer = ByteBuffer.wrap(new TwistdFormatter().format(note).getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            size += channel.write(buffer);
        }
    }

    /**
     * Returns the indexes of the rotated files that exist, lowest first.
     *
     * @return such as {@code [1, 2, 3]}
     */
    public List<Integer> rotatedIndexes() {
        List<Integer> found = new ArrayList<>();
        String prefix = path.getFileName() + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path.getParent(), prefix + "*")) {
            for (Path entry : entries) {
                String suffix = entry.getFileName().toString().substring(prefix.length());
                if (!suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit) && suffix.length() < 10) {
                    int index = Integer.parseInt(suffix);
                    if (index > 0) {
                        found.add(index);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    private Path rotated(int index) {
        return path.resolveSibling(path.getFileName() + "." + index);
    }

    @Override
    public synchronized void flush() {
        // Every record is written straight to the file; nothing is buffered here.
    }

    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            reportError("cannot close " + path, e, ErrorManager.CLOSE_FAILURE);
        }
        channel = null;
    }

    /** Configures a {@link LogFile}. */
    public static final class Builder {
        private final Path path;
        private long rotateLength = DEFAULT_ROTATE_LENGTH;
        private int maxRotatedFiles = DEFAULT_MAX_ROTATED_FILES;

        private Builder(Path path) {
            this.path = path;
        }

        /**
         * Sets the size at which the file rotates before the next record.
         *
         * @param bytes the length, at least 1
         * @return this builder
         */
        public Builder rotateLength(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("rotateLength must be >= 1, got " + bytes);
            }
            this.rotateLength = bytes;
            return this;
        }

        /**
         * Keeps at most this many rotated files, {@code .1} to {@code .N}: a
         * rotation deletes {@code .N} before renaming the others, as Twisted's
         * {@code maxRotatedFiles} does; 0 keeps them all (twistd's default).
         * The default is {@link #DEFAULT_MAX_ROTATED_FILES}.
         *
         * @param count the limit, 0 for none
         * @return this builder
         */
        public Builder maxRotatedFiles(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxRotatedFiles must be >= 0, got " + count);
            }
            this.maxRotatedFiles = count;
            return this;
        }

        /**
         * Opens the file (creating it with the current umask) and returns the handler.
         *
         * @return the handler
         * @throws IOException if the file cannot be opened for appending
         */
        public LogFile build() throws IOException {
            return new LogFile(this);
        }
    }
}
