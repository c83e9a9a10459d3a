package dev.braid.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

import static dev.braid.posix.Downcalls.C_STRING;
import static dev.braid.posix.Downcalls.call;
import static dev.braid.posix.Downcalls.plain;
import static dev.braid.posix.Downcalls.withErrno;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libc calls a Unix daemon needs and the JDK does not offer, made
 * through the Foreign Function and Memory API: {@code kill}, {@code setsid},
 * {@code umask}, {@code setuid}/{@code setgid}/{@code initgroups}, the user
 * and group databases, {@code chdir}/{@code execv} and {@code dup2}.
 *
 * <p>Every call that can fail throws {@link PosixException} with the call's
 * {@code errno}. The calls are made on the calling thread; glibc applies
 * {@code setuid}/{@code setgid} to every thread of the process. Linux and
 * glibc on a 64-bit machine are assumed (the {@code struct passwd} offsets).
 * The JVM must run with {@code --enable-native-access=ALL-UNNAMED} (the
 * {@code braid} binary does) or it prints a warning on first use.
 *
 * <pre>{@code
 * if (!Posix.isAlive(pid)) { ... stale pid file ... }
 * Posix.umask(0077);
 * }</pre>
 */
@SuppressWarnings("restricted")
public final class Posix {
    /** Hang-up. */
    public static final int SIGHUP = 1;
    /** Interrupt, as from Ctrl-C. */
    public static final int SIGINT = 2;
    /** Kill (cannot be caught). */
    public static final int SIGKILL = 9;
    /** User-defined signal 1: rotate the log file. */
    public static final int SIGUSR1 = 10;
    /** Termination request. */
    public static final int SIGTERM = 15;

    // Package-private: the native binary's replacement of this class uses them too.
    static final int O_RDWR = 2;
    static final int PASSWD_UID_OFFSET = 16;
    static final int PASSWD_GID_OFFSET = 20;
    static final int GROUP_GID_OFFSET = 16;
    static final long STRUCT_SIZE = 64;
    static final long BUFFER_SIZE = 16 * 1024;

    private static final MethodHandle KILL = withErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSID = withErrno("setsid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETSID = withErrno("getsid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle UMASK = plain("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETUID = plain("getuid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETEUID = plain("geteuid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETGID = plain("getgid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SETUID = withErrno("setuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETGID = withErrno("setgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SETGROUPS = withErrno("setgroups", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle INITGROUPS = withErrno("initgroups", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETPWNAM_R = plain("getpwnam_r",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle GETPWUID_R = plain("getpwuid_r",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle GETGRNAM_R = plain("getgrnam_r",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle CHDIR = withErrno("chdir", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SETENV = withErrno("setenv", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle EXECV = withErrno("execv", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle OPEN = Downcalls.link("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), true, 2);
    private static final MethodHandle DUP2 = withErrno("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Posix() {
    }

    // ------------------------------------------------------------------ processes

    /**
     * Returns this process's id.
     *
     * @return the pid
     */
    public static long getpid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Sends a signal ({@code kill(2)}).
     *
     * @param pid the target process
     * @param signal the signal number; 0 only checks that the process exists
     * @throws PosixException with {@link Errno#ESRCH} when there is no such process,
     *     {@link Errno#EPERM} when it belongs to someone else
     */
    public static void kill(long pid, int signal) {
        int target = Math.toIntExact(pid);
        call("kill", (arena, state) -> (int) KILL.invokeExact(state, target, signal));
    }

    /**
     * Tells whether a process exists, as twistd's {@code checkPID} does with
     * {@code kill(pid, 0)}: only {@code ESRCH} means "gone".
     *
     * @param pid the process id
     * @return true if the process exists (also when it belongs to another user)
     * @throws PosixException for errors other than ESRCH and EPERM
     */
    public static boolean isAlive(long pid) {
        return ProcessProbe.isAlive(pid);
    }

    /**
     * Starts a new session with this process as its leader, leaving the
     * controlling terminal ({@code setsid(2)}).
     *
     * @return the new session id (this process's pid)
     * @throws PosixException with {@link Errno#EPERM} if this process already leads a process group
     */
    public static int setsid() {
        return call("setsid", (arena, state) -> (int) SETSID.invokeExact(state));
    }

    /**
     * Returns the session id of a process ({@code getsid(2)}).
     *
     * @param pid the process, or 0 for this one
     * @return its session id
     */
    public static int getsid(long pid) {
        int target = Math.toIntExact(pid);
        return call("getsid", (arena, state) -> (int) GETSID.invokeExact(state, target));
    }

    /**
     * Sets the file-creation mask ({@code umask(2)}); it applies to every
     * file the JVM creates afterwards.
     *
     * @param mask the new mask, such as {@code 0077}
     * @return the previous mask
     */
    public static int umask(int mask) {
        return call("umask", (arena, state) -> (int) UMASK.invokeExact(mask));
    }

    // ------------------------------------------------------------------ identity

    /**
     * Returns the real user id.
     *
     * @return the uid
     */
    public static int getuid() {
        return call("getuid", (arena, state) -> (int) GETUID.invokeExact());
    }

    /**
     * Returns the effective user id (0 when running as root).
     *
     * @return the euid
     */
    public static int geteuid() {
        return call("geteuid", (arena, state) -> (int) GETEUID.invokeExact());
    }

    /**
     * Returns the real group id.
     *
     * @return the gid
     */
    public static int getgid() {
        return call("getgid", (arena, state) -> (int) GETGID.invokeExact());
    }

    /**
     * Sets the real, effective and saved user ids ({@code setuid(2)}).
     *
     * @param uid the user id
     * @throws PosixException with {@link Errno#EPERM} when not privileged
     */
    public static void setuid(int uid) {
        call("setuid", (arena, state) -> (int) SETUID.invokeExact(state, uid));
    }

    /**
     * Sets the real, effective and saved group ids ({@code setgid(2)}).
     *
     * @param gid the group id
     * @throws PosixException with {@link Errno#EPERM} when not privileged
     */
    public static void setgid(int gid) {
        call("setgid", (arena, state) -> (int) SETGID.invokeExact(state, gid));
    }

    /**
     * Replaces the supplementary groups with the groups {@code user} belongs
     * to, plus {@code gid} ({@code initgroups(3)}).
     *
     * @param user the login name
     * @param gid a group to add
     * @throws PosixException with {@link Errno#EPERM} when not privileged
     */
    public static void initgroups(String user, int gid) {
        call("initgroups", (arena, state) -> (int) INITGROUPS.invokeExact(state, arena.allocateFrom(user), gid));
    }

    /**
     * Sets the supplementary groups ({@code setgroups(2)}).
     *
     * @param gids the groups; empty drops them all
     * @throws PosixException with {@link Errno#EPERM} when not privileged
     */
    public static void setgroups(List<Integer> gids) {
        call("setgroups", (arena, state) -> {
            MemorySegment array = gids.isEmpty() ? MemorySegment.NULL : arena.allocate(JAVA_INT, gids.size());
            for (int i = 0; i < gids.size(); i++) {
                array.setAtIndex(JAVA_INT, i, gids.get(i));
            }
            return (int) SETGROUPS.invokeExact(state, (long) gids.size(), array);
        });
    }

    /**
     * Looks a user up by name in the user database ({@code getpwnam_r(3)}).
     *
     * @param name the login name
     * @return the entry, or empty if there is no such user
     */
    public static Optional<UserEntry> userByName(String name) {
        return lookUp("getpwnam_r", BUFFER_SIZE, (arena, entry, buffer, result) ->
                (int) GETPWNAM_R.invokeExact(arena.allocateFrom(name), entry, buffer, BUFFER_SIZE, result))
                .map(Posix::userEntry);
    }

    /**
     * Looks a user up by number in the user database ({@code getpwuid_r(3)}).
     *
     * @param uid the user id
     * @return the entry, or empty if no user has that id
     */
    public static Optional<UserEntry> userById(int uid) {
        return lookUp("getpwuid_r", BUFFER_SIZE, (arena, entry, buffer, result) ->
                (int) GETPWUID_R.invokeExact(uid, entry, buffer, BUFFER_SIZE, result))
                .map(Posix::userEntry);
    }

    private static UserEntry userEntry(MemorySegment pwd) {
        String name = pwd.get(C_STRING, 0).getString(0);
        return new UserEntry(name, pwd.get(JAVA_INT, PASSWD_UID_OFFSET), pwd.get(JAVA_INT, PASSWD_GID_OFFSET));
    }

    /**
     * Looks a group up by name ({@code getgrnam_r(3)}).
     *
     * @param name the group's name
     * @return its id, or empty if there is no such group
     */
    public static Optional<Integer> groupByName(String name) {
        long size = BUFFER_SIZE * 4; // groups list their members: give them room
        return lookUp("getgrnam_r", size, (arena, entry, buffer, result) ->
                (int) GETGRNAM_R.invokeExact(arena.allocateFrom(name), entry, buffer, size, result))
                .map(group -> group.get(JAVA_INT, GROUP_GID_OFFSET));
    }

    /** Runs a {@code get*_r} lookup; returns the filled struct, or empty when nothing matched. */
    private static Optional<MemorySegment> lookUp(String function, long bufferSize, Lookup lookup) {
        Arena arena = Arena.ofAuto();
        MemorySegment entry = arena.allocate(STRUCT_SIZE, 8);
        MemorySegment buffer = arena.allocate(bufferSize);
        MemorySegment result = arena.allocate(ADDRESS);
        int rc;
        try {
            rc = lookup.call(arena, entry, buffer, result);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
        if (rc != 0) {
            throw Downcalls.failed(function, rc);
        }
        return result.get(ADDRESS, 0).equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(entry);
    }

    // ------------------------------------------------------------------ files and exec

    /**
     * Changes the process's working directory ({@code chdir(2)}). The JVM
     * keeps resolving {@code Path.toAbsolutePath()} against the directory it
     * started in, so only call this right before {@link #execv}.
     *
     * @param directory the new working directory
     */
    public static void chdir(String directory) {
        call("chdir", (arena, state) -> (int) CHDIR.invokeExact(state, arena.allocateFrom(directory)));
    }

    /**
     * Sets an environment variable of this process for the next {@link #execv}
     * ({@code setenv(3)}). {@link System#getenv} does not see the change.
     *
     * @param name the variable
     * @param value its value
     */
    public static void setenv(String name, String value) {
        call("setenv", (arena, state) ->
                (int) SETENV.invokeExact(state, arena.allocateFrom(name), arena.allocateFrom(value), 1));
    }

    /**
     * Replaces this process's program with another, keeping its pid, its
     * environment and its open standard streams ({@code execv(3)}). Only
     * returns by throwing.
     *
     * @param program the executable's absolute path
     * @param argv the arguments, starting with the program's name
     * @throws PosixException always, when the exec failed
     */
    public static void execv(String program, List<String> argv) {
        int rc = call("execv", (arena, state) -> {
            MemorySegment array = arena.allocate(ADDRESS, argv.size() + 1L);
            for (int i = 0; i < argv.size(); i++) {
                array.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
            }
            array.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
            return (int) EXECV.invokeExact(state, arena.allocateFrom(program), array);
        });
        throw new PosixException("execv", 0, "returned " + rc);
    }

    /**
     * Points the given file descriptors (such as 1 and 2) at {@code /dev/null},
     * as a daemon does once nobody reads its output.
     *
     * @param fds the descriptors to redirect
     */
    public static void redirectToDevNull(int... fds) {
        int devNull = call("open", (arena, state) -> (int) OPEN.invokeExact(state, arena.allocateFrom("/dev/null"), O_RDWR, 0));
        try {
            for (int fd : fds) {
                call("dup2", (arena, state) -> (int) DUP2.invokeExact(state, devNull, fd));
            }
        } finally {
            call("close", (arena, state) -> (int) CLOSE.invokeExact(state, devNull));
        }
    }

    /**
     * Returns the system's text for an error number ({@code strerror(3)}).
     *
     * @param errno the error number
     * @return the message, such as "No such process"
     */
    public static String strerror(int errno) {
        return Downcalls.strerror(errno);
    }

    // ------------------------------------------------------------------ helpers

    /** A {@code get*_r} downcall filling {@code entry}, with {@code buffer} for its strings. */
    @FunctionalInterface
    private interface Lookup {
        int call(Arena arena, MemorySegment entry, MemorySegment buffer, MemorySegment result) throws Throwable;
    }
}
