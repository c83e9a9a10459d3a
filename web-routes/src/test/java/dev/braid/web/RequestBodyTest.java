package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.server.ConnectionGuard;
import dev.braid.web.server.ServerLimits;
import io.helidon.webserver.WebServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Request bodies are read only by resources that ask, streamed when they
 * stream, and buffered within a per-request cap and a budget for the whole
 * Site: slow uploads cannot fill the heap.
 */
@Timeout(120)
class RequestBodyTest {
    static final int MIB = 1024 * 1024;
    static WebServer server;
    static Site site;

    @BeforeAll
    static void start() {
        Resource root = new Resource();
        root.putChild("ignores", new Resource() {
            @Override
            protected Object renderPost(Request request) {
                return "ignored";
            }
        });
        root.putChild("buffers", new Resource() {
            @Override
            protected Object renderPost(Request request) {
                return "buffered " + request.contentBytes().length;
            }
        });
        root.putChild("streams", new Resource() {
            @Override
            protected Object renderPost(Request request) throws Exception {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (InputStream in = request.contentStream()) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        sha.update(buffer, 0, n);
                        total += n;
                    }
                }
                return "streamed " + total + " " + HexFormat.of().formatHex(sha.digest());
            }
        });
        root.putChild("form", new Resource() {
            @Override
            protected Object renderPost(Request request) {
                return "a=" + request.arg("a").orElse("?") + " q=" + request.arg("q").orElse("?");
            }
        });
        site = Site.builder(root).accessLog(null).maxBodySize(32L * MIB).maxBufferedBodies(MIB).build();
        server = ConnectionGuard.install(WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.register(site)),
                "@default", ServerLimits.defaults()).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Everything until the server closes the connection. */
    static String answer(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(all);
        } catch (SocketException reset) {
            // closed hard after the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** One response: status line and headers, then as many body bytes as its Content-Length says. */
    static String response(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** A keep-alive POST: the server reads (or drops) the whole body and answers. */
    static String post(String path, byte[] body) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            return response(socket);
        }
    }

    static void awaitBuffered(long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (site.bodyBudget().used() < bytes && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(site.bodyBudget().used() >= bytes, "buffered only " + site.bodyBudget().used());
    }

    @Test
    void aResourceThatTakesNoBodyGetsNoneRead() throws Exception {
        String answer = post("/ignores", new byte[5 * MIB]);
        assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("ignored"), answer);
        assertEquals(0, site.bodyBudget().used());
    }

    @Test
    void aStreamedBodyIsNeverBufferedWhateverItsSize() throws Exception {
        byte[] body = new byte[20 * MIB];
        Arrays.fill(body, (byte) 'z');
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        String answer = post("/streams", body);
        assertTrue(answer.endsWith("streamed " + body.length + " " + sha), answer);
        assertEquals(0, site.bodyBudget().used());
    }

    @Test
    void bufferedBodiesShareOneBudgetAndTheOverflowGets503() throws Exception {
        try (Socket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /buffers HTTP/1.1\r\nHost: x\r\nContent-Length: " + (700 * 1024)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[600 * 1024]);   // then it pauses: 600 KiB held for it
            out.flush();
            awaitBuffered(600 * 1024);
            String refused = post("/buffers", new byte[700 * 1024]);
            assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
            assertTrue(refused.contains("Retry-After: 1"), refused);
            out.write(new byte[100 * 1024]);
            String served = response(slow);
            assertTrue(served.endsWith("buffered " + 700 * 1024), served);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (site.bodyBudget().used() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, site.bodyBudget().used(), "the budget is given back when the request ends");
        assertTrue(post("/buffers", new byte[700 * 1024]).endsWith("buffered " + 700 * 1024));
    }

    @Test
    void aChunkedBodyOverTheCapGets413WhenARessourceReadsIt() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            // the client sends 40 MiB while reading, as real clients do: the answer comes before the upload ends
            Thread uploader = Thread.ofVirtual().start(() -> {
                try {
                    out.write("POST /streams HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[MIB];
                    for (int i = 0; i < 40; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException closed) {
                    // the server answered and closed before the 40 MiB were sent
                }
            });
            String answer = response(socket);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            uploader.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void formFieldsAreReadWhenAskedFor() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /form?q=1 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=b%20c")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(response(socket).endsWith("a=b c q=1"));
        }
    }
}
