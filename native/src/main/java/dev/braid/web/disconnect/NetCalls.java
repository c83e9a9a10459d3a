package dev.braid.web.disconnect;

import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.word.PointerBase;

/**
 * The libc functions of the epoll disconnect watcher ({@link LinuxNet}), as
 * the native image's own C calls: the image generator on Maven Central has no
 * Foreign Function support, so the native binary replaces LinuxNet's
 * downcalls with these (see {@link Target_dev_braid_web_disconnect_LinuxNet}).
 */
final class NetCalls {
    private NetCalls() {
    }

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
    static native int close(int fd);

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
