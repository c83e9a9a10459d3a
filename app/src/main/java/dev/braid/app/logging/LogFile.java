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
 * <p>Logging threads only format their record: one writer thread of the
 * handler writes the records, in the order they were logged, in batches (see
 * {@link BatchWriter}), so a busy server makes one write per batch rather than
 * per line. Before each record is written, a file that has reached the
 * rotation length (1,000,000 bytes by default) is rotated, so files end a
 * little over the length and a record never straddles two files.
 * {@link #rotate()} rotates after the records logged before it (braid calls it
 * on SIGUSR1) and returns once it has; {@link #flush()} returns once every
 * record logged before it is in the file; {@link #close()} writes what is left
 * first. So no line is lost or split by a rotation, whoever logs. The file is
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

    private final BatchWriter writer;
    private FileChannel channel;            // writer thread only (after open)
    private long size;                      // writer thread only
    private boolean rotationProblemNoted;   // writer thread only

    private LogFile(Builder builder) throws IOException {
        this.path = builder.path.toAbsolutePath();
        this.rotateLength = builder.rotateLength;
        this.maxRotatedFiles = builder.maxRotatedFiles;
        setFormatter(new TwistdFormatter());
        open();
        this.writer = new BatchWriter("braid-log-writer " + path.getFileName(), this::writeRecords,
                (message, error) -> reportError(message + " to " + path, error, ErrorManager.WRITE_FAILURE));
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
     * Hands bytes over to be written as one record (rotating first if the file is full then).
     *
     * @param bytes the record's bytes, ending with a newline
     */
    void write(byte[] bytes) {
        writer.submit(bytes);
    }

    /** Writes a batch (writer thread): as many records per system call as fit before a rotation is due. */
    private void writeRecords(List<byte[]> records) throws IOException {
        if (channel == null) {
            return;
        }
        int first = 0;
        long batchBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            if (size + batchBytes >= rotateLength) {
                writeAll(records.subList(first, i));
                rotateNow();
                first = i;
                batchBytes = 0;
            }
            batchBytes += records.get(i).length;
        }
        writeAll(records.subList(first, records.size()));
    }

    private void writeAll(List<byte[]> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        ByteBuffer[] buffers = new ByteBuffer[records.size()];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.wrap(records.get(i));
            total += buffers[i].remaining();
        }
        long written = 0;
        while (written < total) {
            written += channel.write(buffers);
        }
        size += total;
    }

    /**
     * Rotates the file now, whatever its size (SIGUSR1), after the records
     * logged before this call; returns once rotated. Does nothing after
     * {@link #close()}.
     */
    public void rotate() {
        try {
            writer.call(() -> {
                if (channel != null) {
                    rotateNow();
                }
            });
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

    /** Returns once every record logged before this call is in the file. */
    @Override
    public void flush() {
        try {
            writer.call(() -> { });
        } catch (IOException e) {
            reportError("cannot flush " + path, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    /** Writes the records logged before this call, then closes the file; later records are dropped. */
    @Override
    public void close() {
        try {
            writer.close(() -> {
                if (channel != null) {
                    FileChannel open = channel;
                    channel = null;
                    open.close();
                }
            });
        } catch (IOException e) {
            reportError("cannot close " + path, e, ErrorManager.CLOSE_FAILURE);
        }
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
