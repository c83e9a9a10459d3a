package dev.braid.posix;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import org.graalvm.nativeimage.UnmanagedMemory;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.nativeimage.c.type.CTypeConversion;
import org.graalvm.nativeimage.c.type.CTypeConversion.CCharPointerHolder;
import org.graalvm.nativeimage.c.type.CTypeConversion.CCharPointerPointerHolder;
import org.graalvm.word.Pointer;
import org.graalvm.word.WordFactory;

import java.util.List;
import java.util.Optional;

/**
 * {@link Posix} in the native binary: the same methods, contracts and
 * exceptions, made with direct libc calls ({@link LibC}) instead of Foreign
 * Function downcalls, which the image cannot make. The whole class is
 * replaced, so the downcall handles of the original are never created.
 */
@Substitute
@TargetClass(Posix.class)
@SuppressWarnings("unused")
final class Target_dev_braid_posix_Posix {
    // Posix's constants are compile-time constants: callers (and this class) hold their values.

    @Substitute
    public static long getpid() {
        return ProcessHandle.current().pid();
    }

    @Substitute
    public static void kill(long pid, int signal) {
        int target = Math.toIntExact(pid);
        checked("kill", LibC.kill(target, signal));
    }

    @Substitute
    public static boolean isAlive(long pid) {
        return ProcessProbe.isAlive(pid);
    }

    @Substitute
    public static int setsid() {
        return checked("setsid", LibC.setsid());
    }

    @Substitute
    public static int getsid(long pid) {
        int target = Math.toIntExact(pid);
        return checked("getsid", LibC.getsid(target));
    }

    @Substitute
    public static int umask(int mask) {
        return LibC.umask(mask);
    }

    @Substitute
    public static int getuid() {
        return LibC.getuid();
    }

    @Substitute
    public static int geteuid() {
        return LibC.geteuid();
    }

    @Substitute
    public static int getgid() {
        return LibC.getgid();
    }

    @Substitute
    public static void setuid(int uid) {
        checked("setuid", LibC.setuid(uid));
    }

    @Substitute
    public static void setgid(int gid) {
        checked("setgid", LibC.setgid(gid));
    }

    @Substitute
    public static void initgroups(String user, int gid) {
        try (CCharPointerHolder name = CTypeConversion.toCString(user)) {
            checked("initgroups", LibC.initgroups(name.get(), gid));
        }
    }

    @Substitute
    public static void setgroups(List<Integer> gids) {
        CIntPointer array = gids.isEmpty() ? WordFactory.nullPointer()
                : UnmanagedMemory.malloc(gids.size() * Integer.BYTES);
        try {
            for (int i = 0; i < gids.size(); i++) {
                array.write(i, gids.get(i));
            }
            checked("setgroups", LibC.setgroups(gids.size(), array));
        } finally {
            if (array.isNonNull()) {
                UnmanagedMemory.free(array);
            }
        }
    }

    // Word values (pointers) cannot go through lambdas in an image: each lookup is spelled out.

    @Substitute
    public static Optional<UserEntry> userByName(String name) {
        Pointer entry = UnmanagedMemory.calloc((int) Posix.STRUCT_SIZE);
        Pointer buffer = UnmanagedMemory.malloc((int) Posix.BUFFER_SIZE);
        Pointer result = UnmanagedMemory.calloc(Long.BYTES);
        try (CCharPointerHolder cName = CTypeConversion.toCString(name)) {
            int rc = LibC.getpwnam_r(cName.get(), entry, buffer, Posix.BUFFER_SIZE, result);
            return found("getpwnam_r", rc, result) ? Optional.of(userEntry(entry)) : Optional.empty();
        } finally {
            free(entry, buffer, result);
        }
    }

    @Substitute
    public static Optional<UserEntry> userById(int uid) {
        Pointer entry = UnmanagedMemory.calloc((int) Posix.STRUCT_SIZE);
        Pointer buffer = UnmanagedMemory.malloc((int) Posix.BUFFER_SIZE);
        Pointer result = UnmanagedMemory.calloc(Long.BYTES);
        try {
            int rc = LibC.getpwuid_r(uid, entry, buffer, Posix.BUFFER_SIZE, result);
            return found("getpwuid_r", rc, result) ? Optional.of(userEntry(entry)) : Optional.empty();
        } finally {
            free(entry, buffer, result);
        }
    }

    @Substitute
    public static Optional<Integer> groupByName(String name) {
        long size = Posix.BUFFER_SIZE * 4; // groups list their members: give them room
        Pointer entry = UnmanagedMemory.calloc((int) Posix.STRUCT_SIZE);
        Pointer buffer = UnmanagedMemory.malloc((int) size);
        Pointer result = UnmanagedMemory.calloc(Long.BYTES);
        try (CCharPointerHolder cName = CTypeConversion.toCString(name)) {
            int rc = LibC.getgrnam_r(cName.get(), entry, buffer, size, result);
            return found("getgrnam_r", rc, result) ? Optional.of(entry.readInt(Posix.GROUP_GID_OFFSET)) : Optional.empty();
        } finally {
            free(entry, buffer, result);
        }
    }

    @Substitute
    public static void chdir(String directory) {
        try (CCharPointerHolder path = CTypeConversion.toCString(directory)) {
            checked("chdir", LibC.chdir(path.get()));
        }
    }

    @Substitute
    public static void setenv(String name, String value) {
        try (CCharPointerHolder cName = CTypeConversion.toCString(name);
             CCharPointerHolder cValue = CTypeConversion.toCString(value)) {
            checked("setenv", LibC.setenv(cName.get(), cValue.get(), 1));
        }
    }

    @Substitute
    public static void execv(String program, List<String> argv) {
        int rc;
        try (CCharPointerHolder path = CTypeConversion.toCString(program);
             CCharPointerPointerHolder arguments = CTypeConversion.toCStrings(argv.toArray(new String[0]))) {
            rc = checked("execv", LibC.execv(path.get(), arguments.get()));
        }
        throw new PosixException("execv", 0, "returned " + rc);
    }

    @Substitute
    public static void redirectToDevNull(int... fds) {
        int devNull;
        try (CCharPointerHolder path = CTypeConversion.toCString("/dev/null")) {
            devNull = checked("open", LibC.open(path.get(), Posix.O_RDWR));
        }
        try {
            for (int fd : fds) {
                checked("dup2", LibC.dup2(devNull, fd));
            }
        } finally {
            checked("close", LibC.close(devNull));
        }
    }

    @Substitute
    public static String strerror(int errno) {
        return CTypeConversion.toJavaString(LibC.strerror(errno));
    }

    /** A result of -1 becomes a PosixException with errno, read right after the call. */
    private static int checked(String function, int rc) {
        if (rc == -1) {
            int errno = LibC.errno();
            throw new PosixException(function, errno, strerror(errno));
        }
        return rc;
    }

    /** Whether a get*_r call found an entry (its result pointer is set); an error code throws. */
    private static boolean found(String function, int rc, Pointer result) {
        if (rc != 0) {
            throw new PosixException(function, rc, strerror(rc));
        }
        return result.readLong(0) != 0;
    }

    private static void free(Pointer entry, Pointer buffer, Pointer result) {
        UnmanagedMemory.free(entry);
        UnmanagedMemory.free(buffer);
        UnmanagedMemory.free(result);
    }

    private static UserEntry userEntry(Pointer entry) {
        String name = CTypeConversion.toJavaString((CCharPointer) entry.readWord(0));
        return new UserEntry(name, entry.readInt(Posix.PASSWD_UID_OFFSET), entry.readInt(Posix.PASSWD_GID_OFFSET));
    }
}
