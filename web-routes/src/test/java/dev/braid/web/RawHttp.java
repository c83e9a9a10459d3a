package dev.braid.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket speaking HTTP/1.1, for what HttpClient hides: keep-alive,
 * pipelining, disconnects, bad input. Every read times out after 20 s, so a
 * server that never answers fails the test instead of hanging it.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects to the server on loopback.
     *
     * @param port its port
     * @throws IOException if it cannot connect
     */
    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** @return the socket, for what the methods here do not cover */
    public Socket socket() {
        return socket;
    }

    /**
     * Sends raw bytes (the text in ISO-8859-1).
     *
     * @param text what to send, with its CRLFs
     * @throws IOException if the connection fails
     */
    public void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** A response: status line, headers (lower-case names, raw), body. */
    public record Response(int status, String head, String body) {
        /**
         * Returns a header's value.
         *
         * @param name its name, in any case
         * @return the first value, or null
         */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /**
     * Reads one response (Content-Length or chunked; HEAD has no body).
     *
     * @param head whether it answers a HEAD request
     * @return the response
     * @throws IOException if the connection closes or times out first
     */
    public Response read(boolean head) throws IOException {
        String headText = readHead();
        int status = Integer.parseInt(headText.split(" ", 3)[1]);
        Response partial = new Response(status, headText, "");
        byte[] body;
        String length = partial.header("Content-Length");
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(partial.header("Transfer-Encoding"))) {
            body = readChunked();
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headText, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Reads only the status line and headers of a response, leaving its body to {@link #readChunk()}.
     *
     * @return the response, with an empty body
     * @throws IOException if the connection closes or times out first
     */
    public Response readHeadOnly() throws IOException {
        String headText = readHead();
        return new Response(Integer.parseInt(headText.split(" ", 3)[1]), headText, "");
    }

    /**
     * Reads the next chunk of a chunked body as it arrives.
     *
     * @return the chunk, or null after the last one
     * @throws IOException if the connection closes or times out first
     */
    public String readChunk() throws IOException {
        int size = Integer.parseInt(readLine().split(";")[0].strip(), 16);
        if (size == 0) {
            readLine();
            return null;
        }
        String chunk = new String(in.readNBytes(size), StandardCharsets.UTF_8);
        readLine();
        return chunk;
    }

    /**
     * Sends a GET for {@code path} and reads its response.
     *
     * @param path the request target
     * @return the response
     * @throws IOException if the connection closes or times out first
     */
    public Response get(String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        return read(false);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                readLine();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns whether the server closed the connection (a read finds the end, or a reset).
     *
     * @return true if closed
     * @throws IOException if the read times out
     */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
