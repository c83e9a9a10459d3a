package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.web.ErrorPage;
import dev.braid.web.Resource;
import dev.braid.web.file.FileResource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives each user their own {@code public_html}: the avatar of {@code alice}
 * is a {@link FileResource} of {@code BASE/alice/public_html}. A user name
 * that could leave the base directory ({@code /}, {@code \}, {@code ..}, a
 * leading dot, NUL) or a user without the directory gets a 404 page instead.
 */
public final class UserDirectoryRealm implements Realm {
    private final Path base;

    /**
     * Creates the realm.
     *
     * @param base the directory holding one directory per user
     */
    public UserDirectoryRealm(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    @Override
    public Deferred<Avatar> requestAvatar(String avatarId) {
        return Deferreds.succeed(new Avatar(resourceFor(avatarId), () -> { }));
    }

    private Resource resourceFor(String user) {
        if (user.isEmpty() || user.startsWith(".") || user.contains("/") || user.contains("\\")
                || user.contains("\0")) {
            return ErrorPage.noResource("No public_html for that user.");
        }
        Path home = base.resolve(user).resolve("public_html").normalize();
        if (!home.startsWith(base) || !Files.isDirectory(home)) {
            return ErrorPage.noResource("No public_html for that user.");
        }
        return FileResource.of(home);
    }
}
