package dev.braid.web.guard;

import java.io.Serial;

/** The ways a login fails (Twisted's {@code twisted.cred.error}); all give 401. */
public final class LoginErrors {
    private LoginErrors() {
    }

    /** The credentials were checked and refused (Twisted's {@code UnauthorizedLogin}). */
    public static class UnauthorizedLogin extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** @param message why */
        public UnauthorizedLogin(String message) {
            super(message);
        }
    }

    /** No checker accepts this kind of credentials (Twisted's {@code UnhandledCredentials}). */
    public static class UnhandledCredentials extends UnauthorizedLogin {
        @Serial
        private static final long serialVersionUID = 1L;

        /** @param message why */
        public UnhandledCredentials(String message) {
            super(message);
        }
    }

    /** The Authorization header could not be understood (Twisted's {@code LoginFailed}). */
    public static class LoginFailed extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** @param message why */
        public LoginFailed(String message) {
            super(message);
        }
    }
}
