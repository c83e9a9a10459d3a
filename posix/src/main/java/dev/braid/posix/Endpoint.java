package dev.braid.posix;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One end of a TCP connection as the kernel names it: an IPv6 address (IPv4
 * written in its mapped form ::ffff:a.b.c.d, so that a dual-stack socket and
 * Java's {@code Inet4Address} agree) and a port. The scope id is left out:
 * two connections cannot differ only by it. {@link LinuxNet.Scratch#peer} and
 * {@link LinuxNet.Scratch#local} read a socket's ends in this form.
 *
 * @param high the address's first 8 bytes, big-endian
 * @param low  the address's last 8 bytes, big-endian
 * @param port the port
 */
public record Endpoint(long high, long low, int port) {
    private static final long IPV4_MAPPED = 0xFFFFL << 32;

    /**
     * The endpoint of an IPv4 address.
     *
     * @param address the address, as a big-endian int (127.0.0.1 is 0x7F000001)
     * @param port the port
     * @return the endpoint, in its IPv4-mapped form
     */
    public static Endpoint ofIpv4(int address, int port) {
        return new Endpoint(0, IPV4_MAPPED | Integer.toUnsignedLong(address), port);
    }

    /**
     * The endpoint of a resolved socket address.
     *
     * @param address the address
     * @return the endpoint
     * @throws IllegalArgumentException when the address is unresolved
     */
    public static Endpoint of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        byte[] bytes = ip.getAddress();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return bytes.length == 4
                ? ofIpv4(buffer.getInt(), address.getPort())
                : new Endpoint(buffer.getLong(), buffer.getLong(), address.getPort());
    }

    @Override
    public String toString() {
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            long v4 = low & 0xFFFFFFFFL;
            return (v4 >>> 24) + "." + ((v4 >>> 16) & 0xFF) + "." + ((v4 >>> 8) & 0xFF) + "." + (v4 & 0xFF) + ":" + port;
        }
        return "[" + Long.toHexString(high) + ":" + Long.toHexString(low) + "]:" + port;
    }
}
