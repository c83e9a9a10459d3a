package dev.braid.posix;

import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CCharPointerPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.word.PointerBase;

/**
 * The libc functions {@link Posix} and {@link LinuxNet} call, as the native
 * image's own C calls, with the one errno reader they share.
 *
 * <p>The image generator on Maven Central has no Foreign Function support
 * (its {@code svm-foreign} part is not published), so in the native binary
 * the downcalls of both classes are replaced (see {@link Target_dev_braid_posix_Posix}
 * and {@link Target_dev_braid_posix_LinuxNet}) by these direct calls, linked
 * against libc when the executable is linked.
 */
final class LibC {
    private LibC() {
    }

    @CFunction
    static native int kill(int pid, int signal);

    @CFunction
    static native int setsid();

    @CFunction
    static native int getsid(int pid);

    @CFunction
    static native int umask(int mask);

    @CFunction
    static native int getuid();

    @CFunction
    static native int geteuid();

    @CFunction
    static native int getgid();

    @CFunction
    static native int setuid(int uid);

    @CFunction
    static native int setgid(int gid);

    @CFunction
    static native int setgroups(long size, CIntPointer groups);

    @CFunction
    static native int initgroups(CCharPointer user, int gid);

    @CFunction
    static native int getpwnam_r(CCharPointer name, PointerBase entry, PointerBase buffer, long size, PointerBase result);

    @CFunction
    static native int getpwuid_r(int uid, PointerBase entry, PointerBase buffer, long size, PointerBase result);

    @CFunction
    static native int getgrnam_r(CCharPointer name, PointerBase entry, PointerBase buffer, long size, PointerBase result);

    @CFunction
    static native int chdir(CCharPointer directory);

    @CFunction
    static native int setenv(CCharPointer name, CCharPointer value, int overwrite);

    @CFunction
    static native int execv(CCharPointer program, CCharPointerPointer argv);

    /** open(2) without O_CREAT, so its variadic mode is never read. */
    @CFunction
    static native int open(CCharPointer path, int flags);

    @CFunction
    static native int dup2(int from, int to);

    @CFunction
    static native int close(int fd);

    @CFunction
    static native CCharPointer strerror(int errno);

    // The epoll disconnect watcher's calls (LinuxNet).

    @CFunction
    static native int epoll_create1(int flags);

    @CFunction
    static native int epoll_ctl(int epollFd, int op, int fd, PointerBase event);

    @CFunction
    static native int epoll_wait(int epollFd, PointerBase events, int maxEvents, int timeoutMillis);

    @CFunction
    static native int eventfd(int initial, int flags);

    @CFunction
    static native long read(int fd, PointerBase buffer, long size);

    @CFunction
    static native long write(int fd, PointerBase buffer, long size);

    @CFunction
    static native int getpeername(int fd, PointerBase address, PointerBase length);

    @CFunction
    static native int getsockname(int fd, PointerBase address, PointerBase length);

    @CFunction
    static native int getsockopt(int fd, int level, int name, PointerBase value, PointerBase length);

    /** The calling thread's errno: read it right after the call that failed. */
    @CFunction(transition = CFunction.Transition.NO_TRANSITION)
    static native CIntPointer __errno_location();

    static int errno() {
        return __errno_location().read();
    }
}
