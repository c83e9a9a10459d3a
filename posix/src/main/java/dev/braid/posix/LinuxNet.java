package dev.braid.posix;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Set;

import static dev.braid.posix.Downcalls.callOrErrno;
import static dev.braid.posix.Downcalls.orErrno;
import static dev.braid.posix.Downcalls.rethrow;
import static dev.braid.posix.Downcalls.withErrno;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The Linux calls of the epoll disconnect watcher, made through the Foreign
 * Function and Memory API on the shared base of this package: epoll, eventfd,
 * and the socket queries that identify a connection's file descriptor
 * (getpeername, getsockname, getsockopt).
 *
 * <p>Static methods allocate what they need; per-thread scratch memory for the
 * hot calls lives in {@link Scratch}, owned by one thread. Failures come back
 * as a negative errno ({@link Errno}) rather than exceptions: the watcher
 * treats most of them as "not this fd" and moves on. The constants are the
 * asm-generic ones, shared by x86_64, aarch64 and riscv64
 * ({@link #supportedArch()}).
 *
 * <pre>{@code
 * int epoll = LinuxNet.epollCreate();
 * try (LinuxNet.Scratch scratch = new LinuxNet.Scratch(64)) {
 *     scratch.addOrModify(epoll, fd, LinuxNet.EPOLLRDHUP | LinuxNet.EPOLLONESHOT, token);
 *     int events = scratch.await(epoll, 100);
 * }
 * }</pre>
 */
public final class LinuxNet {
    /** epoll: the fd is readable. */
    public static final int EPOLLIN = 0x001;
    /** epoll: an error on the fd (always reported). */
    public static final int EPOLLERR = 0x008;
    /** epoll: hang-up, such as a reset connection (always reported). */
    public static final int EPOLLHUP = 0x010;
    /** epoll: the peer closed its end (sent its FIN). */
    public static final int EPOLLRDHUP = 0x2000;
    /** epoll: report once, then stay silent until re-armed with {@code EPOLL_CTL_MOD}. */
    public static final int EPOLLONESHOT = 1 << 30;

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

    private static final MethodHandle EPOLL_CREATE1 = withErrno("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = withErrno("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = withErrno("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle EVENTFD = withErrno("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = withErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = withErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle GETPEERNAME = withErrno("getpeername",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKNAME = withErrno("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private LinuxNet() {
    }

    /**
     * Whether the struct layouts and constants above hold on this machine's architecture.
     *
     * @return true on x86_64, aarch64 and riscv64
     */
    public static boolean supportedArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return Set.of("amd64", "x86_64", "aarch64", "riscv64").contains(arch);
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    /**
     * Creates a close-on-exec epoll instance.
     *
     * @return its fd, or a negative errno
     */
    public static int epollCreate() {
        return callOrErrno((arena, state) -> (int) EPOLL_CREATE1.invokeExact(state, O_CLOEXEC));
    }

    /**
     * Creates a non-blocking, close-on-exec eventfd (the watcher's doorbell).
     *
     * @return its fd, or a negative errno
     */
    public static int eventFd() {
        return callOrErrno((arena, state) -> (int) EVENTFD.invokeExact(state, 0, O_CLOEXEC | EFD_NONBLOCK));
    }

    /**
     * Adds one to an eventfd, waking whoever polls it; safe from any thread.
     *
     * @param eventFd the eventfd
     */
    public static void ring(int eventFd) {
        callOrErrno((arena, state) -> {
            MemorySegment one = arena.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1L);
            return (int) (long) WRITE.invokeExact(state, eventFd, one, 8L);
        });
    }

    /**
     * Closes an fd the caller opened with this class.
     *
     * @param fd the fd
     */
    public static void close(int fd) {
        callOrErrno((arena, state) -> (int) CLOSE.invokeExact(state, fd));
    }

    /**
     * Native memory for the calls one thread makes over and over, so that a
     * scan of thousands of fds allocates nothing per call. Confined to the
     * thread that created it; {@link #close()} frees it.
     */
    public static final class Scratch implements AutoCloseable {
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment state = Downcalls.callState(arena);
        private final MemorySegment address = arena.allocate(SOCKADDR_SIZE, 8);
        private final MemorySegment length = arena.allocate(JAVA_INT);
        private final MemorySegment option = arena.allocate(JAVA_LONG);
        private final MemorySegment event = arena.allocate(16, 8);
        private final MemorySegment drain = arena.allocate(JAVA_LONG);
        private final MemorySegment events;
        private final int maxEvents;
        private int errno;

        /**
         * Allocates the memory, confined to the calling thread.
         *
         * @param maxEvents the most events one {@link #await} returns
         */
        public Scratch(int maxEvents) {
            this.maxEvents = maxEvents;
            this.events = arena.allocate(EVENT_SIZE * maxEvents, 8);
        }

        /**
         * The errno of the last call made through this scratch.
         *
         * @return the errno ({@link Errno}), or 0 when that call succeeded
         */
        public int errno() {
            return errno;
        }

        /**
         * The peer of a connected TCP socket.
         *
         * @param fd the socket
         * @return the peer, or null (see {@link #errno()}: ENOTCONN for an
         *         unconnected or reset socket, ENOTSOCK, EBADF, or 0 when the
         *         socket is not IPv4/IPv6)
         */
        public Endpoint peer(int fd) {
            return name(GETPEERNAME, fd);
        }

        /**
         * The local address of a socket.
         *
         * @param fd the socket
         * @return the address, or null as for {@link #peer(int)}
         */
        public Endpoint local(int fd) {
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
                errno = Downcalls.errno(state);
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
         * @param fd the socket
         * @return the cookie, or 0 when the fd is closed or not a socket
         */
        public long cookie(int fd) {
            return option(fd, SO_COOKIE, 8) ? option.get(JAVA_LONG, 0) : 0;
        }

        /**
         * Whether the fd is a stream socket that is not listening (a connection, possibly reset).
         *
         * @param fd the fd
         * @return true for a connection's socket
         */
        public boolean isConnectionSocket(int fd) {
            return option(fd, SO_TYPE, 4) && option.get(JAVA_INT, 0) == SOCK_STREAM
                    && option(fd, SO_ACCEPTCONN, 4) && option.get(JAVA_INT, 0) == 0;
        }

        private boolean option(int fd, int name, int size) {
            length.set(JAVA_INT, 0, size);
            option.set(JAVA_LONG, 0, 0L);
            try {
                int rc = (int) GETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, name, option, length);
                errno = rc == 0 ? 0 : Downcalls.errno(state);
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
         * @param epollFd the epoll instance
         * @param fd the fd to watch
         * @param mask the events ({@link #EPOLLRDHUP} etc.)
         * @param data what the event carries back ({@link #eventData})
         * @return 0, or a negative errno
         */
        public int addOrModify(int epollFd, int fd, int mask, long data) {
            int rc = control(epollFd, EPOLL_CTL_ADD, fd, mask, data);
            return rc == -Errno.EEXIST ? control(epollFd, EPOLL_CTL_MOD, fd, mask, data) : rc;
        }

        private int control(int epollFd, int op, int fd, int mask, long data) {
            event.set(JAVA_INT, 0, mask);
            event.set(JAVA_LONG.withByteAlignment(4), EVENT_DATA_OFFSET, data);
            try {
                return orErrno((int) EPOLL_CTL.invokeExact(state, epollFd, op, fd, event), state);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }

        /**
         * Waits for events; read them with {@link #eventMask} and {@link #eventData}.
         *
         * @param epollFd the epoll instance
         * @param timeoutMillis the longest wait; -1 waits until an event
         * @return how many events arrived (0 on timeout or EINTR), or a negative errno
         */
        public int await(int epollFd, int timeoutMillis) {
            try {
                int n = orErrno((int) EPOLL_WAIT.invokeExact(state, epollFd, events, maxEvents, timeoutMillis), state);
                return n == -Errno.EINTR ? 0 : n;
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }

        /**
         * The events of one result of the last {@link #await}.
         *
         * @param index the result, from 0
         * @return its event mask
         */
        public int eventMask(int index) {
            return events.get(JAVA_INT.withByteAlignment(4), index * EVENT_SIZE);
        }

        /**
         * The data registered with the fd of one result of the last {@link #await}.
         *
         * @param index the result, from 0
         * @return the data given to {@link #addOrModify}
         */
        public long eventData(int index) {
            return events.get(JAVA_LONG.withByteAlignment(4), index * EVENT_SIZE + EVENT_DATA_OFFSET);
        }

        /**
         * Empties a non-blocking eventfd.
         *
         * @param eventFd the eventfd
         */
        public void drain(int eventFd) {
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
