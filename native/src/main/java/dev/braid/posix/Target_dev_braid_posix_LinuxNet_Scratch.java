package dev.braid.posix;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import org.graalvm.nativeimage.UnmanagedMemory;
import org.graalvm.word.Pointer;

/**
 * {@code LinuxNet.Scratch} in the native binary: the watcher thread's memory
 * for its calls (addresses, options, epoll eventArray), malloc'ed once and freed
 * on close.
 */
@Substitute
@TargetClass(LinuxNet.Scratch.class)
@SuppressWarnings("unused")
final class Target_dev_braid_posix_LinuxNet_Scratch implements AutoCloseable {
    /** x86_64 packs struct epoll_event (12 bytes); elsewhere the 64-bit data is aligned (16 bytes). */
    private static final boolean PACKED_EVENTS_HERE = System.getProperty("os.arch", "").matches("amd64|x86_64");
    private static final int EVENT_BYTES = PACKED_EVENTS_HERE ? 12 : 16;
    private static final int EVENT_DATA_AT = PACKED_EVENTS_HERE ? 4 : 8;

    private final Pointer sockaddr = UnmanagedMemory.calloc((int) LinuxNet.SOCKADDR_SIZE);
    private final Pointer sizeCell = UnmanagedMemory.calloc(Integer.BYTES);
    private final Pointer optionCell = UnmanagedMemory.calloc(Long.BYTES);
    private final Pointer eventCell = UnmanagedMemory.calloc(16);
    private final Pointer drainCell = UnmanagedMemory.calloc(Long.BYTES);
    private final Pointer eventArray;
    private final int eventCapacity;
    private int lastErrno;

    @Substitute
    public Target_dev_braid_posix_LinuxNet_Scratch(int eventCapacity) {
        this.eventCapacity = eventCapacity;
        this.eventArray = UnmanagedMemory.calloc(EVENT_BYTES * eventCapacity);
    }

    @Substitute
    public int errno() {
        return lastErrno;
    }

    @Substitute
    public Endpoint peer(int fd) {
        sizeCell.writeInt(0, (int) LinuxNet.SOCKADDR_SIZE);
        return endpoint(LibC.getpeername(fd, sockaddr, sizeCell));
    }

    @Substitute
    public Endpoint local(int fd) {
        sizeCell.writeInt(0, (int) LinuxNet.SOCKADDR_SIZE);
        return endpoint(LibC.getsockname(fd, sockaddr, sizeCell));
    }

    /** The sockaddr just filled in; ports and addresses are in network (big-endian) order. */
    private Endpoint endpoint(int rc) {
        if (rc != 0) {
            lastErrno = LibC.errno();
            return null;
        }
        lastErrno = 0;
        int family = sockaddr.readShort(0);
        int port = Short.toUnsignedInt(Short.reverseBytes(sockaddr.readShort(2)));
        if (family == LinuxNet.AF_INET) {
            return Endpoint.ofIpv4(Integer.reverseBytes(sockaddr.readInt(4)), port);
        }
        if (family == LinuxNet.AF_INET6) {
            return new Endpoint(Long.reverseBytes(sockaddr.readLong(8)), Long.reverseBytes(sockaddr.readLong(16)), port);
        }
        return null;
    }

    @Substitute
    public long cookie(int fd) {
        return option(fd, LinuxNet.SO_COOKIE, 8) ? optionCell.readLong(0) : 0;
    }

    @Substitute
    public boolean isConnectionSocket(int fd) {
        return option(fd, LinuxNet.SO_TYPE, 4) && optionCell.readInt(0) == LinuxNet.SOCK_STREAM
                && option(fd, LinuxNet.SO_ACCEPTCONN, 4) && optionCell.readInt(0) == 0;
    }

    @Substitute
    private boolean option(int fd, int name, int size) {
        sizeCell.writeInt(0, size);
        optionCell.writeLong(0, 0L);
        int rc = LibC.getsockopt(fd, LinuxNet.SOL_SOCKET, name, optionCell, sizeCell);
        lastErrno = rc == 0 ? 0 : LibC.errno();
        return rc == 0;
    }

    @Substitute
    public int addOrModify(int epollFd, int fd, int mask, long data) {
        int rc = control(epollFd, LinuxNet.EPOLL_CTL_ADD, fd, mask, data);
        return rc == -Errno.EEXIST ? control(epollFd, LinuxNet.EPOLL_CTL_MOD, fd, mask, data) : rc;
    }

    @Substitute
    private int control(int epollFd, int op, int fd, int mask, long data) {
        eventCell.writeInt(0, mask);
        eventCell.writeLong(EVENT_DATA_AT, data);
        return Target_dev_braid_posix_LinuxNet.checked(LibC.epoll_ctl(epollFd, op, fd, eventCell));
    }

    @Substitute
    public int await(int epollFd, int timeoutMillis) {
        int n = Target_dev_braid_posix_LinuxNet.checked(LibC.epoll_wait(epollFd, eventArray, eventCapacity, timeoutMillis));
        return n == -Errno.EINTR ? 0 : n;
    }

    @Substitute
    public int eventMask(int index) {
        return eventArray.readInt(index * EVENT_BYTES);
    }

    @Substitute
    public long eventData(int index) {
        return eventArray.readLong(index * EVENT_BYTES + EVENT_DATA_AT);
    }

    @Substitute
    public void drain(int eventFd) {
        LibC.read(eventFd, drainCell, Long.BYTES);
    }

    @Override
    @Substitute
    public void close() {
        // Words are not objects: no array of them, one call each.
        UnmanagedMemory.free(sockaddr);
        UnmanagedMemory.free(sizeCell);
        UnmanagedMemory.free(optionCell);
        UnmanagedMemory.free(eventCell);
        UnmanagedMemory.free(drainCell);
        UnmanagedMemory.free(eventArray);
    }
}
