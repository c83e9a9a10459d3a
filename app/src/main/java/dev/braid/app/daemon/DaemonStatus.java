package dev.braid.app.daemon;

import dev.braid.posix.Posix;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The daemon's side of the start-up report: tells the launcher that started
 * it whether its services started (twistd's status pipe), then lets go of
 * the pipe by pointing standard output and error at {@code /dev/null}.
 *
 * <p>The report travels on the daemon's standard output, which the launcher
 * reads: {@value #STARTED} on success; on failure, each line of the reason
 * prefixed with {@value #ERROR_PREFIX}, then {@value #FAILED}. Call
 * {@link #started()} or {@link #failed(String)} once.
 *
 * <pre>{@code
 * DaemonStatus status = DaemonStatus.onStandardOutput();
 * try { startServices(); status.started(); }
 * catch (Exception e) { status.failed(e.toString()); }
 * }</pre>
 */
public final class DaemonStatus {
    /** The line that reports a successful start. */
    public static final String STARTED = "braid-daemon: started";
    /** The line that ends a failure report. */
    public static final String FAILED = "braid-daemon: failed";
    /** The prefix of each line of a failure's reason. */
    public static final String ERROR_PREFIX = "braid-daemon-error: ";

    private final PrintStream out;
    private final boolean detachStreams;
    private boolean reported;

    private DaemonStatus(PrintStream out, boolean detachStreams) {
        this.out = out;
        this.detachStreams = detachStreams;
    }

    /**
     * Reports on file descriptor 1, then detaches descriptors 1 and 2.
     * Take it before anything replaces {@link System#out}.
     *
     * @return the reporter
     */
    public static DaemonStatus onStandardOutput() {
        return new DaemonStatus(new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8), true);
    }

    /**
     * Reports on a given stream (for tests); nothing is detached.
     *
     * @param out the stream the launcher reads
     * @return the reporter
     */
    public static DaemonStatus on(PrintStream out) {
        return new DaemonStatus(out, false);
    }

    /** Reports that the services started. Later calls do nothing. */
    public synchronized void started() {
        if (reported) {
            return;
        }
        reported = true;
        out.print(STARTED + "\n");
        out.flush();
        detach();
    }

    /**
     * Reports that start-up failed. Later calls do nothing.
     *
     * @param reason what went wrong, possibly several lines
     */
    public synchronized void failed(String reason) {
        if (reported) {
            return;
        }
        reported = true;
        for (String line : reason.strip().split("\n")) {
            out.print(ERROR_PREFIX + line + "\n");
        }
        out.print(FAILED + "\n");
        out.flush();
        detach();
    }

    private void detach() {
        if (detachStreams) {
            Posix.redirectToDevNull(1, 2);
        }
    }
}
