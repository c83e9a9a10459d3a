package dev.braid.web.internal;

import io.helidon.webserver.ServerConnectionException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Tells a failed write to a client that went away from a real error (helidon.md §3). */
public final class ClientGone {
    private ClientGone() {
    }

    /**
     * Returns whether {@code error} means the client's connection is gone.
     *
     * @param error what a write, flush or send threw
     * @return true for I/O failures and Helidon's connection exceptions
     */
    public static boolean is(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServerConnectionException || cause instanceof UncheckedIOException
                    || cause instanceof IOException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
