package dev.braid.posix;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's table of TCP sockets, {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}: the state of every connection, keyed by its two
 * addresses written as the kernel prints them ({@link #keys}).
 *
 * <pre>{@code
 * Map<String, String> states = TcpTable.read();
 * for (String key : TcpTable.keys(local, remote)) {
 *     if (TcpTable.CLOSE_WAIT.equals(states.get(key))) { ... the client sent its FIN ... }
 * }
 * }</pre>
 */
public final class TcpTable {
    /** The state of a connection whose peer closed its end (sent its FIN). */
    public static final String CLOSE_WAIT = "08";

    private static final Path TCP4 = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    private TcpTable() {
    }

    /**
     * Whether this system has the table.
     *
     * @return true when {@code /proc/net/tcp} is readable
     */
    public static boolean isReadable() {
        return Files.isReadable(TCP4);
    }

    /**
     * Reads the IPv4 and IPv6 tables once.
     *
     * @return each connection's state (two hex digits, such as {@link #CLOSE_WAIT}), by
     *     its key ("local_address rem_address", upper case)
     * @throws IOException when a table exists but cannot be read
     */
    public static Map<String, String> read() throws IOException {
        Map<String, String> states = new HashMap<>();
        read(TCP4, states);
        read(TCP6, states);
        return states;
    }

    private static void read(Path table, Map<String, String> states) throws IOException {
        if (!Files.isReadable(table)) {
            return;
        }
        try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            lines.readLine(); // header
            String line;
            while ((line = lines.readLine()) != null) {
                // "  sl  local_address rem_address   st ..."
                String[] fields = line.strip().split("\\s+", 5);
                if (fields.length >= 4) {
                    states.put(fields[1].toUpperCase(Locale.ROOT) + " " + fields[2].toUpperCase(Locale.ROOT), fields[3]);
                }
            }
        }
    }

    /**
     * The table's keys for a connection, e.g. "0100007F:1F90 0100007F:C350",
     * plus the IPv4-mapped IPv6 form for IPv4 (an IPv4 peer of a dual-stack
     * socket is listed in tcp6 as ::ffff:a.b.c.d).
     *
     * @param local this end
     * @param remote the other end
     * @return one key, or two for IPv4
     * @throws UnknownHostException when an unresolved address cannot be resolved
     */
    public static List<String> keys(InetSocketAddress local, InetSocketAddress remote) throws UnknownHostException {
        byte[] localIp = ip(local).getAddress();
        byte[] remoteIp = ip(remote).getAddress();
        String plain = hex(localIp, local.getPort()) + " " + hex(remoteIp, remote.getPort());
        if (localIp.length == 4 && remoteIp.length == 4) {
            return List.of(plain, hex(mapped(localIp), local.getPort()) + " " + hex(mapped(remoteIp), remote.getPort()));
        }
        return List.of(plain);
    }

    private static InetAddress ip(InetSocketAddress address) throws UnknownHostException {
        return address.getAddress() != null ? address.getAddress() : InetAddress.getByName(address.getHostString());
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, v6, 12, 4);
        return v6;
    }

    private static String hex(byte[] bytes, int port) {
        StringBuilder out = new StringBuilder(40);
        // The kernel prints each 32-bit word of the address in host (little-endian) order.
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 3; i >= 0; i--) {
                out.append(String.format("%02X", bytes[word + i] & 0xff));
            }
        }
        return out.append(':').append(String.format("%04X", port)).toString();
    }
}
