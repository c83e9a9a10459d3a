package dev.braid.web.disconnect;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Set;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The Linux calls the epoll watcher needs, made through the Foreign Function
 * and Memory API: epoll, eventfd, and the socket queries that identify a
 * connection's file descriptor (getpeername, getsockname, getsockopt).
 *
 * <p>Static methods allocate what they need; per-thread scratch memory for the
 * hot calls lives in {@link Scratch}, owned by one thread. Failures come back
 * as a negative errno rather than exceptions: the watcher treats most of them
 * as "not this fd" and moves on. The constants are the asm-generic ones,
 * shared by x86_64, aarch64 and riscv64 ({@link #supportedArch()}).
 */
@SuppressWarnings("restricted")
final class LinuxNet {
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EEXIST = 17;
    static final int ENOTCONN = 107;

    static final int EPOLLIN = 0x001;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLONESHOT = 1 << 30;

    // Package-private: the native binary's replacement of this class uses them too.
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_MOD = 3;
    static final int O_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    static final int SOL_SOCKET = 1;
    static final int SO_TYPE = 3;
    static final int SO_ACCEPTCONN = 30;
    static final int SO_COOKIE = 57;
    static final int SOCK_STREAM = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final long SOCKADDR_SIZE = 128;

    /** x86_64 packs struct epoll_event (12 bytes); elsewhere the 64-bit data is aligned (16 bytes). */
    private static final boolean PACKED_EVENTS = isX86();
    static final long EVENT_SIZE = PACKED_EVENTS ? 12 : 16;
    private static final long EVENT_DATA_OFFSET = PACKED_EVENTS ? 4 : 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle EPOLL_CREATE1 = call("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = call("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = call("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = call("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = call("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = call("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETPEERNAME = call("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = call("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKOPT = call("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private LinuxNet() {
    }

    /** Whether the struct layouts and constants above hold on this machine's architecture. */
    static boolean supportedArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(arch);
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    private static MethodHandle call(String name, FunctionDescriptor descriptor) {
        return LIBC.find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno")))
                .orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
    }

    /**
     * Creates a close-on-exec epoll instance.
     *
     * @return its fd, or a negative errno
     */
    static int epollCreate() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return check((int) EPOLL_CREATE1.invokeExact(state, O_CLOEXEC), state);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Creates a non-blocking, close-on-exec eventfd (the watcher's doorbell).
     *
     * @return its fd, or a negative errno
     */
    static int eventFd() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            return check((int) EVENTFD.invokeExact(state, 0, O_CLOEXEC | EFD_NONBLOCK), state);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Adds one to an eventfd, waking whoever polls it; safe from any thread. */
    static void ring(int eventFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            MemorySegment one = arena.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            long ignored = (long) WRITE.invokeExact(state, eventFd, one, 8L);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Closes an fd this package opened. */
    static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static int check(int result, MemorySegment state) {
        return result >= 0 ? result : -(int) ERRNO.get(state, 0L);
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }

    /**
     * Native memory for the calls one thread makes over and over, so that a
     * scan of thousands of fds allocates nothing per call. Confined to the
     * thread that created it; {@link #close()} frees it.
     */
    static final class Scratch implements AutoCloseable {
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment state = arena.allocate(CAPTURE);
        private final MemorySegment address = arena.allocate(SOCKADDR_SIZE, 8);
        private final MemorySegment length = arena.allocate(JAVA_INT);
        private final MemorySegment option = arena.allocate(JAVA_LONG);
        private final MemorySegment event = arena.allocate(16, 8);
        private final MemorySegment drain = arena.allocate(JAVA_LONG);
        private final MemorySegment events;
        private final int maxEvents;
        private int errno;

        Scratch(int maxEvents) {
            this.maxEvents = maxEvents;
            this.events = arena.allocate(EVENT_SIZE * maxEvents, 8);
        }

        /** The errno of the last failed call made through this scratch. */
        int errno() {
            return errno;
        }

        /**
         * The peer of a connected TCP socket.
         *
         * @return the peer, or null (see {@link #errno()}: ENOTCONN for an
         *         unconnected or reset socket, ENOTSOCK, EBADF, or 0 when the
         *         socket is not IPv4/IPv6)
         */
        Endpoint peer(int fd) {
            return name(GETPEERNAME, fd);
        }

        /** The local address of a socket, or null as for {@link #peer(int)}. */
        Endpoint local(int fd) {
            return name(GETSOCKNAME, fd);
        }

        private Endpoint name(MethodHandle call, int fd) {
            length.set(JAVA_INT, 0, (int) SOCKADDR_SIZE);
            int rc;
            try {
                rc = (int) call.invokeExact(state, fd, address, length);
            } catch (Throwable e) {
                throw rethrow(e);
            }
            if (rc != 0) {
                errno = (int) ERRNO.get(state, 0L);
                return null;
            }
            errno = 0;
            int family = address.get(JAVA_SHORT, 0);
            int port = Short.toUnsignedInt(address.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2));
            if (family == AF_INET) {
                return Endpoint.ofIpv4(address.get(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 4), port);
            }
            if (family == AF_INET6) {
                long high = address.get(JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN).withByteAlignment(1), 8);
                long low = address.get(JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN).withByteAlignment(1), 16);
                return new Endpoint(high, low, port);
            }
            return null;
        }

        /**
         * The socket's cookie: a 64-bit id the kernel never reuses while it
         * runs, so it tells a socket from a later one that got the same fd.
         *
         * @return the cookie, or 0 when the fd is closed or not a socket
         */
        long cookie(int fd) {
            return option(fd, SO_COOKIE, 8) ? option.get(JAVA_LONG, 0) : 0;
        }

        /** Whether the fd is a stream socket that is not listening (a connection, possibly reset). */
        boolean isConnectionSocket(int fd) {
            return option(fd, SO_TYPE, 4) && option.get(JAVA_INT, 0) == SOCK_STREAM
                    && option(fd, SO_ACCEPTCONN, 4) && option.get(JAVA_INT, 0) == 0;
        }

        private boolean option(int fd, int name, int size) {
            length.set(JAVA_INT, 0, size);
            option.set(JAVA_LONG, 0, 0L);
            try {
                int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, name, option, length);
                errno = rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
                return rc == 0;
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }

        /**
         * Registers {@code fd} with {@code epollFd} for {@code mask}, or
         * re-arms it with the new data when the same open socket is already
         * registered.
         *
         * @return 0, or a negative errno
         */
        int addOrModify(int epollFd, int fd, int mask, long data) {
            int rc = control(epollFd, EPOLL_CTL_ADD, fd, mask, data);
            return rc == -EEXIST ? control(epollFd, EPOLL_CTL_MOD, fd, mask, data) : rc;
        }

        private int control(int epollFd, int op, int fd, int mask, long data) {
            event.set(JAVA_INT, 0, mask);
            event.set(JAVA_LONG.withByteAlignment(4), EVENT_DATA_OFFSET, data);
            try {
                return check((int) EPOLL_CTL.invokeExact(state, epollFd, op, fd, event), state);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }

        /**
         * Waits for events; read them with {@link #eventMask} and {@link #eventData}.
         *
         * @return how many events arrived (0 on timeout or EINTR), or a negative errno
         */
        int await(int epollFd, int timeoutMillis) {
            try {
                int n = check((int) EPOLL_WAIT.invokeExact(state, epollFd, events, maxEvents, timeoutMillis), state);
                return n == -EINTR ? 0 : n;
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }

        int eventMask(int index) {
            return events.get(JAVA_INT.withByteAlignment(4), index * EVENT_SIZE);
        }

        long eventData(int index) {
            return events.get(JAVA_LONG.withByteAlignment(4), index * EVENT_SIZE + EVENT_DATA_OFFSET);
        }

        /** Empties a non-blocking eventfd. */
        void drain(int eventFd) {
            try {
                long ignored = (long) READ.invokeExact(state, eventFd, drain, 8L);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
