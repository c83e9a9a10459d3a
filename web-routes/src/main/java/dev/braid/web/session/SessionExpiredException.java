package dev.braid.web.session;

/**
 * A value of a session was used after the session ended in its shared store:
 * another server expired it a moment before (a race between two requests of
 * one visitor), or its store lost it. The local Session object is expired too,
 * so the visitor's next request starts a new session.
 */
public class SessionExpiredException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param uid the session's id
     */
    public SessionExpiredException(String uid) {
        super("session " + uid + " has expired");
    }
}
