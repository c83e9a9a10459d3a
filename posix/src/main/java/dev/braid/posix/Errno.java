package dev.braid.posix;

/**
 * The Linux error numbers Braid looks at ({@code errno.h}; the asm-generic
 * values, the same on x86_64, aarch64 and riscv64). {@link PosixException#errno()}
 * and the negative results of {@link LinuxNet} carry them.
 *
 * <pre>{@code
 * if (e.errno() == Errno.EPERM) { ... }
 * }</pre>
 */
public final class Errno {
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory (also: no such epoll registration). */
    public static final int ENOENT = 2;
    /** No such process. */
    public static final int ESRCH = 3;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** File exists (also: the fd is already registered with this epoll instance). */
    public static final int EEXIST = 17;
    /** The socket is not connected (never was, or was reset). */
    public static final int ENOTCONN = 107;

    private Errno() {
    }
}
