package dev.braid.posix;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import org.graalvm.nativeimage.UnmanagedMemory;
import org.graalvm.word.Pointer;

import java.util.Locale;
import java.util.Set;

/**
 * {@link LinuxNet} in the native binary: the same calls and results (a
 * negative errno on failure), made with {@link LibC} on malloc'ed memory
 * instead of Foreign Function downcalls on arenas. The class and its
 * {@code Scratch} are replaced whole.
 */
@Substitute
@TargetClass(LinuxNet.class)
@SuppressWarnings("unused")
final class Target_dev_braid_posix_LinuxNet {
    // LinuxNet's constants are compile-time constants: callers (and this class) hold their values.

    @Substitute
    public static boolean supportedArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(arch);
    }

    @Substitute
    public static int epollCreate() {
        return checked(LibC.epoll_create1(LinuxNet.O_CLOEXEC));
    }

    @Substitute
    public static int eventFd() {
        return checked(LibC.eventfd(0, LinuxNet.O_CLOEXEC | LinuxNet.EFD_NONBLOCK));
    }

    @Substitute
    public static void ring(int eventFd) {
        Pointer one = UnmanagedMemory.malloc(Long.BYTES);
        try {
            one.writeLong(0, 1L);
            LibC.write(eventFd, one, Long.BYTES);
        } finally {
            UnmanagedMemory.free(one);
        }
    }

    @Substitute
    public static void close(int fd) {
        LibC.close(fd);
    }

    /** A result, or the negative errno of a failed call. */
    static int checked(int result) {
        return result >= 0 ? result : -LibC.errno();
    }
}
