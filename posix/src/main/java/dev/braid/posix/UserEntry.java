package dev.braid.posix;

/**
 * One line of the user database ({@code struct passwd}): what the launcher
 * needs to drop privileges to a user.
 *
 * @param name the login name
 * @param uid the numeric user id
 * @param gid the user's primary group id
 */
public record UserEntry(String name, int uid, int gid) {
}
