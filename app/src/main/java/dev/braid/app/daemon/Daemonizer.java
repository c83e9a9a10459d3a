package dev.braid.app.daemon;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's side of daemon mode: starts braid again as a detached child
 * process and waits until it reports that its services started.
 *
 * <p>A JVM cannot safely {@code fork()}, so where twistd forks twice braid
 * starts a new JVM with {@link ProcessBuilder}: standard input from
 * {@code /dev/null}, working directory the {@code --rundir}, and its standard
 * output and error as pipes to this process. The child calls
 * {@code setsid()} (a new session, no controlling terminal), and reports
 * through {@link DaemonStatus}. This process then exits 0 (started) or 1,
 * printing twistd's "An error has occurred" message with the reason. If the
 * child dies before reporting, its exit status and the last of its standard
 * error are printed instead. The child outlives this process: it is not in
 * its session and nothing kills it when the launcher exits.
 *
 * <pre>{@code
 * int status = new Daemonizer(System.err).start(command, rundir);
 * System.exit(status);
 * }</pre>
 */
public final class Daemonizer {
    private static final int STDERR_KEPT = 16 * 1024;

    private final PrintStream err;

    /**
     * Creates a daemonizer that prints failures to {@code err}.
     *
     * @param err the launcher's standard error
     */
    public Daemonizer(PrintStream err) {
        this.err = err;
    }

    /**
     * Starts the daemon and waits for its report.
     *
     * @param command the child's full command line
     * @param rundir the child's working directory
     * @return the launcher's exit status: 0 when the daemon started, 1 otherwise
     */
    public int start(List<String> command, Path rundir) {
        Process child;
        try {
            child = new ProcessBuilder(command)
                    .directory(rundir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            err.println("braid: cannot start the daemon: " + e.getMessage());
            return 1;
        }
        StderrTail stderr = new StderrTail(child.getErrorStream());
        Thread drain = Thread.ofVirtual().name("daemon-stderr").start(stderr);
        List<String> reasons = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(DaemonStatus.STARTED)) {
                    return 0;
                }
                if (line.startsWith(DaemonStatus.ERROR_PREFIX)) {
                    reasons.add(line.substring(DaemonStatus.ERROR_PREFIX.length()));
                } else if (line.equals(DaemonStatus.FAILED)) {
                    err.println("An error has occurred: " + String.join("\n", reasons));
                    err.println("Please look at log file for more information.");
                    return 1;
                } else {
                    err.println(line);
                }
            }
            int status = child.waitFor();
            drain.join();
            err.println("braid: the daemon exited with status " + status + " before its services started");
            String tail = stderr.text();
            if (!tail.isBlank()) {
                err.print(tail.endsWith("\n") ? tail : tail + "\n");
            }
            return 1;
        } catch (IOException e) {
            err.println("braid: lost contact with the daemon: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("braid: interrupted while waiting for the daemon to start");
            return 1;
        }
    }

    /** Keeps the last few kilobytes the child writes to standard error. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final StringBuilder kept = new StringBuilder();

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (kept) {
                        kept.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (kept.length() > STDERR_KEPT) {
                            kept.delete(0, kept.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                // The child closed its end: nothing more to keep.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString();
            }
        }
    }
}
