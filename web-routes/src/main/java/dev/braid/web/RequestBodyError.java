package dev.braid.web;

/**
 * Reading a request body failed for a reason the client caused or the
 * server's limits set: a malformed body (400), one over the Site's
 * {@link Site.Builder#maxBodySize size cap} (413), or no room left in the
 * Site's {@link Site.Builder#maxBufferedBodies budget for buffered bodies}
 * (503). Thrown by {@link Request#content()} and its siblings; the Site
 * answers it with that status and closes the connection, instead of an error
 * page with a traceback. A client that went away while sending is not this
 * error: the request just ends, as with any disconnect.
 */
public final class RequestBodyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates the error.
     *
     * @param status the HTTP status to answer with
     * @param message what went wrong, shown to the client
     * @param cause what the reading threw, or null
     */
    public RequestBodyError(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * Returns the status the client gets.
     *
     * @return 400, 413 or 503
     */
    public int status() {
        return status;
    }
}
