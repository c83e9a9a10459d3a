package dev.braid.app.daemon;

import dev.braid.posix.Posix;
import dev.braid.posix.PosixException;
import dev.braid.posix.UserEntry;

import java.util.List;
import java.util.Optional;

/**
 * The user and group a server runs as once its ports are bound
 * ({@code --uid}, {@code --gid}; twistd's {@code switchUID}).
 *
 * <p>Names and numbers are both accepted. With only a user, the group is that
 * user's primary group, as in twistd. Dropping sets the supplementary groups
 * ({@code initgroups} for a known user, none otherwise), then the group, then
 * the user; glibc applies each to every thread of the JVM. Resolve early with
 * {@link #resolve} (a bad name is then a start-up error), drop later with
 * {@link #drop()}.
 *
 * <pre>{@code
 * Privileges target = Privileges.resolve("nobody", null);
 * ...bind ports...
 * target.drop();     // then log "set uid/gid 65534/65534"
 * }</pre>
 *
 * @param uid the user id to become
 * @param gid the group id to become
 * @param userName the user's login name, for its supplementary groups; null if unknown
 */
public record Privileges(int uid, int gid, String userName) {
    /**
     * Resolves {@code --uid} and {@code --gid}.
     *
     * @param user a user name or number; null to keep the current user
     * @param group a group name or number; null for the user's primary group
     * @return the target, or empty when neither was given
     * @throws IllegalArgumentException when a name is unknown, or a group is
     *     given without a user that could supply it
     */
    public static Optional<Privileges> resolve(String user, String group) {
        if (user == null && group == null) {
            return Optional.empty();
        }
        UserEntry entry = null;
        int uid;
        if (user == null) {
            uid = Posix.getuid();
        } else if (user.matches("\\d+")) {
            uid = Integer.parseInt(user);
            entry = Posix.userById(uid).orElse(null);
        } else {
            entry = Posix.userByName(user).orElseThrow(() -> new IllegalArgumentException("no such user: " + user));
            uid = entry.uid();
        }
        int gid;
        if (group != null) {
            gid = group.matches("\\d+")
                    ? Integer.parseInt(group)
                    : Posix.groupByName(group).orElseThrow(() -> new IllegalArgumentException("no such group: " + group));
        } else if (entry != null) {
            gid = entry.gid();
        } else if (user == null) {
            gid = Posix.getgid();
        } else {
            throw new IllegalArgumentException("uid " + uid + " has no entry in the user database: give --gid too");
        }
        return Optional.of(new Privileges(uid, gid, entry == null ? null : entry.name()));
    }

    /**
     * Becomes this user and group for good.
     *
     * @throws IllegalStateException when not allowed, in twistd's words:
     *     "failed to set uid/gid ...: ... (are you root?) -- exiting"
     */
    public void drop() {
        try {
            if (uid == Posix.getuid() && gid == Posix.getgid() && Posix.geteuid() == uid) {
                return;
            }
            if (userName != null) {
                Posix.initgroups(userName, gid);
            } else {
                Posix.setgroups(List.of());
            }
            Posix.setgid(gid);
            Posix.setuid(uid);
        } catch (PosixException e) {
            throw new IllegalStateException("failed to set uid/gid " + uid + "/" + gid + ": " + e.getMessage()
                    + " (are you root?) -- exiting", e);
        }
    }

    /**
     * Returns twistd's log line for a completed drop.
     *
     * @return {@code "set uid/gid 65534/65534"}
     */
    public String logLine() {
        return "set uid/gid " + uid + "/" + gid;
    }
}
