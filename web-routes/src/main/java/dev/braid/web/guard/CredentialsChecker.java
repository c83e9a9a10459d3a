package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import java.util.Set;

/**
 * Checks credentials and names the avatar they belong to (Twisted's
 * {@code ICredentialsChecker}).
 */
public interface CredentialsChecker {
    /**
     * Returns the kinds of credentials this checker understands.
     *
     * @return credential classes
     */
    Set<Class<? extends Credentials>> credentialInterfaces();

    /**
     * Checks credentials.
     *
     * @param credentials what the client presented
     * @return a Deferred of the avatar id, failing with
     *     {@link LoginErrors.UnauthorizedLogin} when they are wrong
     */
    Deferred<String> requestAvatarId(Credentials credentials);

    /** Lets every request in as the avatar {@code "anonymous"} (Twisted's {@code AllowAnonymousAccess}). */
    CredentialsChecker ALLOW_ANONYMOUS = new CredentialsChecker() {
        @Override
        public Set<Class<? extends Credentials>> credentialInterfaces() {
            return Set.of(Credentials.Anonymous.class);
        }

        @Override
        public Deferred<String> requestAvatarId(Credentials credentials) {
            return dev.braid.deferred.Deferreds.succeed("anonymous");
        }
    };
}
