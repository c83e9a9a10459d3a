package dev.braid.web.guard;

/**
 * What a client presented to log in (Twisted's {@code twisted.cred.credentials}).
 */
public sealed interface Credentials permits Credentials.UsernamePassword, Credentials.Anonymous, DigestCredentials {
    /**
     * A user name and a clear-text password (from Basic authentication).
     *
     * @param username the user name
     * @param password the password
     */
    record UsernamePassword(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "UsernamePassword[" + username + ", ****]";
        }
    }

    /** No credentials at all: a checker may still allow anonymous access. */
    record Anonymous() implements Credentials {
    }
}
