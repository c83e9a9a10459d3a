package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import dev.braid.web.Resource;

/**
 * Turns an authenticated avatar id into what that user sees (Twisted's
 * {@code IRealm} for {@code IResource}): a resource tree and a logout action.
 *
 * <pre>{@code
 * Realm realm = avatarId -> Deferreds.succeed(new Realm.Avatar(pagesFor(avatarId), () -> audit(avatarId)));
 * }</pre>
 */
@FunctionalInterface
public interface Realm {
    /**
     * An avatar: the user's resource, and what to run when their request ends.
     *
     * @param resource the resource the user sees in place of the wrapper
     * @param logout run once the response has finished (or failed)
     */
    record Avatar(Resource resource, Runnable logout) {
    }

    /**
     * Returns the avatar for an id.
     *
     * @param avatarId the id a checker returned, or "anonymous"
     * @return a Deferred of the avatar
     */
    Deferred<Avatar> requestAvatar(String avatarId);
}
