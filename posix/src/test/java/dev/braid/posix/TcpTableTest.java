package dev.braid.posix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class TcpTableTest {
    private static final String ESTABLISHED = "01";

    @Test
    void keysAreWrittenAsTheKernelPrintsThem() throws IOException {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 50000);
        assertEquals(List.of("0100007F:1F90 0100007F:C350",
                        "0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C350"),
                TcpTable.keys(local, remote));
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 80);
        assertEquals(List.of("00000000000000000000000001000000:0050 00000000000000000000000001000000:0050"),
                TcpTable.keys(v6, v6));
    }

    @Test
    void aLoopbackConnectionIsListedAndItsFinSeen() throws IOException {
        assertTrue(TcpTable.isReadable());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            List<String> keys = TcpTable.keys((InetSocketAddress) accepted.getLocalSocketAddress(),
                    (InetSocketAddress) accepted.getRemoteSocketAddress());
            assertEquals(ESTABLISHED, state(TcpTable.read(), keys));
            client.shutdownOutput(); // its FIN
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!TcpTable.CLOSE_WAIT.equals(state(TcpTable.read(), keys)) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(TcpTable.CLOSE_WAIT, state(TcpTable.read(), keys), "the client's FIN");
        }
    }

    private static String state(Map<String, String> states, List<String> keys) {
        return keys.stream().map(states::get).filter(s -> s != null).findFirst().orElse(null);
    }
}
