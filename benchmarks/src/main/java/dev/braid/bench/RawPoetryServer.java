package dev.braid.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The TCP baseline of {@code bench/run.sh}: the fast poetry server and the
 * netstring transform server written directly on {@link ServerSocket} with a
 * virtual thread per connection — no protocols, factories or event loops.
 * What Braid's TCP layer adds is the difference to it.
 *
 * <ul>
 *   <li>{@code poetry PORT POEM}: writes the poem and closes.</li>
 *   <li>{@code transform PORT}: reads one netstring {@code <xform>.<poem>},
 *       answers the lower-cased poem for {@code cummingsify} as one netstring,
 *       and closes; anything else is closed without an answer.</li>
 * </ul>
 */
public final class RawPoetryServer {
    private static final int MAX_NETSTRING = 99_999;

    private RawPoetryServer() {
    }

    /**
     * Serves on 127.0.0.1 until the process is stopped.
     *
     * @param args {@code poetry PORT POEM} or {@code transform PORT}
     * @throws IOException if the port cannot be bound or the poem read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !(args[0].equals("poetry") && args.length == 3 || args[0].equals("transform"))) {
            System.err.println("usage: RawPoetryServer poetry PORT POEM | transform PORT");
            System.exit(2);
        }
        byte[] poem = args[0].equals("poetry") ? Files.readAllBytes(Path.of(args[2])) : null;
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("raw " + args[0] + " serving on 127.0.0.1:" + server.getLocalPort());
            while (true) {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket, poem));
            }
        }
    }

    private static void serve(Socket socket, byte[] poem) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            if (poem != null) {
                out.write(poem);
                return;
            }
            byte[] request = readNetstring(socket.getInputStream());
            if (request == null) {
                return;
            }
            String text = new String(request, StandardCharsets.ISO_8859_1);
            int dot = text.indexOf('.');
            if (dot < 0 || !text.substring(0, dot).equals("cummingsify")) {
                return;
            }
            byte[] reply = text.substring(dot + 1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
            out.write((reply.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.write(reply);
            out.write(',');
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    /** One netstring, or null when the input is not one. */
    private static byte[] readNetstring(InputStream in) throws IOException {
        int length = 0;
        int digits = 0;
        for (int c = in.read(); c != ':'; c = in.read()) {
            if (c < '0' || c > '9' || ++digits > 5) {
                return null;
            }
            length = length * 10 + (c - '0');
        }
        if (digits == 0 || length > MAX_NETSTRING) {
            return null;
        }
        byte[] body = in.readNBytes(length);
        return body.length == length && in.read() == ',' ? body : null;
    }
}
