package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import java.util.List;

/**
 * Ties credential checkers to a realm (Twisted's {@code cred.portal.Portal}):
 * {@link #login} finds a checker for the kind of credentials, asks it for the
 * avatar id, then asks the realm for the avatar.
 */
public final class Portal {
    private final Realm realm;
    private final List<CredentialsChecker> checkers;

    /**
     * Creates a portal.
     *
     * @param realm makes avatars
     * @param checkers check credentials, first match wins
     */
    public Portal(Realm realm, List<CredentialsChecker> checkers) {
        this.realm = realm;
        this.checkers = List.copyOf(checkers);
    }

    /**
     * Logs in.
     *
     * @param credentials what the client presented
     * @return a Deferred of the avatar; fails with {@link LoginErrors.UnhandledCredentials}
     *     when no checker understands the credentials, or the checker's failure
     */
    public Deferred<Realm.Avatar> login(Credentials credentials) {
        for (CredentialsChecker checker : checkers) {
            if (checker.credentialInterfaces().stream().anyMatch(type -> type.isInstance(credentials))) {
                return Deferreds.<String>callDeferred(() -> checker.requestAvatarId(credentials))
                        .addCallbackDeferred(realm::requestAvatar);
            }
        }
        return Deferreds.fail(new LoginErrors.UnhandledCredentials(
                "No checker for " + credentials.getClass().getSimpleName()));
    }
}
