package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests get a clear status, and the server answers the next request normally. */
class BadInputTest {
    private static DemoFixture demo;

    @BeforeAll
    static void start() {
        demo = new DemoFixture(b -> b.maxBodySize(1024));
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    /** Sends raw bytes on a new connection and returns the status, or -1 if the server just closed it. */
    private static int statusOf(String rawRequest) throws IOException {
        try (RawHttp http = new RawHttp(demo.port())) {
            http.send(rawRequest);
            try {
                return http.read(false).status();
            } catch (IOException closed) {
                return -1;
            }
        }
    }

    private static void serverStillFine() throws Exception {
        assertEquals("hello", demo.get("/hello").body());
    }

    @Test
    void hugeHeadersAreRejected() throws Exception {
        String big = "x".repeat(64 * 1024);
        int status = statusOf("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
        assertTrue(status == 431 || status == 400 || status == 413, "status " + status);
        serverStillFine();
    }

    @Test
    void hugeQueryStringsAreRejected() throws Exception {
        int status = statusOf("GET /hello?q=" + "y".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(status == 414 || status == 400 || status == 431 || status == -1, "status " + status);
        serverStillFine();
    }

    @Test
    void anUnknownMethodIsNotImplemented() throws Exception {
        assertEquals(501, statusOf("FROBNICATE /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
        serverStillFine();
    }

    @Test
    void bodiesOverTheLimitGet413() throws Exception {
        String body = "z".repeat(4096);
        assertEquals(413, statusOf("POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body));
        String chunk = Integer.toHexString(4096) + "\r\n" + body + "\r\n0\r\n\r\n";
        assertEquals(405, statusOf("POST /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk),
                "a resource that takes no body answers without reading it (413 for readers: RequestBodyTest)");
        serverStillFine();
    }

    @Test
    void aBadContentLengthIsABadRequest() throws Exception {
        int status = statusOf("POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n");
        assertEquals(400, status);
        serverStillFine();
    }

    @Test
    void dotDotSegmentsNeverReachAParent() throws Exception {
        for (String path : new String[] {"/echo/../hello", "/echo/%2e%2e/hello", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc"}) {
            int status = statusOf("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(status == 404 || status == 400 || status == 200, path + " gave " + status);
            if (status == 200) {
                // Helidon normalised the path: it can only be a page of the site, never a file
                try (RawHttp http = new RawHttp(demo.port())) {
                    assertEquals("hello", http.get(path).body(), path);
                }
            }
        }
        serverStillFine();
    }

    @Test
    void malformedEscapesAndControlCharactersAreHarmless() throws Exception {
        int escapes = statusOf("GET /%zz%/%00 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(escapes == 404 || escapes == 400, "status " + escapes);
        int status = statusOf("GET /hello HTTP/1.1\r\nHost: x\r\nCookie: \u0001\u0002=\u0003; ;; =\r\n\r\n");
        assertTrue(status == 200 || status == 400, "status " + status);
        serverStillFine();
    }

    @Test
    void garbageIsRejectedAndTheConnectionClosed() throws Exception {
        int status = statusOf("this is not http at all\r\n\r\n");
        assertTrue(status == 400 || status == -1, "status " + status);
        serverStillFine();
    }
}
