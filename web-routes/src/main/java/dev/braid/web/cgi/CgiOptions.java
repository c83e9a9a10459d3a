package dev.braid.web.cgi;

import java.time.Duration;
import java.util.Objects;

/**
 * How CGI scripts are run.
 *
 * @param timeout how long a script may run before it is killed (60 s by default)
 * @param processes the cap on scripts running at once ({@link CgiProcesses#shared()} by default)
 * @param queryArguments whether a query without {@code =} becomes the script's
 *     command-line arguments, as RFC 3875 §4.4 allows and Twisted does (on by
 *     default; turn it off when scripts might misread arguments as options)
 */
public record CgiOptions(Duration timeout, CgiProcesses processes, boolean queryArguments) {
    /** Checks the parts. */
    public CgiOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(processes, "processes");
    }

    /**
     * Returns the defaults: 60 s, the shared cap, query arguments on.
     *
     * @return the options
     */
    public static CgiOptions defaults() {
        return new CgiOptions(Duration.ofSeconds(60), CgiProcesses.shared(), true);
    }

    /**
     * Returns these options with another timeout.
     *
     * @param value the timeout
     * @return new options
     */
    public CgiOptions withTimeout(Duration value) {
        return new CgiOptions(value, processes, queryArguments);
    }

    /**
     * Returns these options with another process cap.
     *
     * @param value the cap
     * @return new options
     */
    public CgiOptions withProcesses(CgiProcesses value) {
        return new CgiOptions(timeout, value, queryArguments);
    }

    /**
     * Returns these options with query arguments on or off.
     *
     * @param value whether a query without "=" becomes arguments
     * @return new options
     */
    public CgiOptions withQueryArguments(boolean value) {
        return new CgiOptions(timeout, processes, value);
    }
}
