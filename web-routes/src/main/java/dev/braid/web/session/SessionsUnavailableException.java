package dev.braid.web.session;

/**
 * The session store cannot be reached (a shared store whose server is down or
 * slow). A {@link dev.braid.web.Site} answers a request that fails with it with
 * 503 Service Unavailable and logs nothing for it: the store logs the outage
 * once, when it starts, and again when it ends.
 */
public class SessionsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is unavailable, for the log and the page
     * @param cause the store's own error, or null
     */
    public SessionsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Says whether {@code error} or one of its causes is this exception.
     *
     * @param error any error
     * @return true if the sessions were unavailable
     */
    public static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SessionsUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
