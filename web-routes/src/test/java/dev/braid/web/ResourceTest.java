package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Threads;
import io.helidon.webserver.WebServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Traversal, render results and method handling, checked against twisted.web's behaviour (twisted-spec §3). */
class ResourceTest {
    private static WebServer server;
    private static final BlockingQueue<String> ACCESS = new LinkedBlockingQueue<>();
    private static final CompletableFuture<IllegalStateException> WRITE_AFTER_FINISH = new CompletableFuture<>();

    /** Shows prepath, postpath and args. */
    static final class Leaf extends Resource {
        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected Object renderGet(Request request) {
            return "prepath=" + request.prepath() + " postpath=" + request.postpath() + " args=" + request.args();
        }

        @Override
        protected Object renderPost(Request request) {
            return "posted " + request.args();
        }
    }

    static final class PostOnly extends Resource {
        @Override
        protected Object renderPost(Request request) {
            return "posted";
        }
    }

    static final class Results extends Resource {
        @Override
        public Resource getChild(String path, Request request) {
            Resource parent = this;
            return new Resource() {
                @Override
                protected Object renderGet(Request r) {
                    return parent.toString().isEmpty() ? null : result(path, r);
                }
            };
        }

        private Object result(String kind, Request request) {
            return switch (kind) {
                case "bytes" -> "bytes!".getBytes();
                case "deferred" -> Threads.deferToThread(() -> "from a thread");
                case "failed" -> Deferreds.fail(new IllegalArgumentException("deferred <failed>"));
                case "notdoneyet" -> {
                    request.loop().callLater(0.01, () -> {
                        request.write("one ");
                        request.write("two");
                        request.finish();
                        request.finish(); // twice: only logged
                        try {
                            request.write("three");
                        } catch (IllegalStateException e) {
                            WRITE_AFTER_FINISH.complete(e);
                        }
                    });
                    yield NOT_DONE_YET;
                }
                case "integer" -> 42;
                case "redirect" -> {
                    request.redirect("/elsewhere");
                    yield "";
                }
                case "cookie" -> {
                    request.addCookie(Cookie.builder("k", "v;injected\r\nX: y").path("/").maxAge(10).secure(true)
                            .httpOnly(true).sameSite("Strict").build());
                    yield "";
                }
                case "empty" -> {
                    request.finish();
                    yield NOT_DONE_YET;
                }
                default -> ErrorPage.noResource().render(request);
            };
        }
    }

    @BeforeAll
    static void start() {
        Resource root = new Resource();
        root.putChild("leaf", new Leaf());
        root.putChild("postonly", new PostOnly());
        root.putChild("results", new Results());
        Resource dir = new Resource();
        dir.putChild("", new Leaf());
        root.putChild("dir", dir);
        Site site = Site.builder(root).accessLog(ACCESS::add).build();
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
                .get("/plain", (req, res) -> res.send("a plain Helidon route beside the Site"))
                .register(site)).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawHttp.Response get(String path) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            return http.get(path);
        }
    }

    @Test
    void leafKeepsTheRestOfThePathAndTheArgs() throws Exception {
        RawHttp.Response r = get("/leaf/a/b%20c?x=1&x=2&y=");
        assertEquals("prepath=[leaf] postpath=[a, b c] args={x=[1, 2], y=[]}", r.body());
    }

    @Test
    void emptyChildServesTheDirectoryAndTheRootHasNone() throws Exception {
        assertEquals("prepath=[dir, ] postpath=[] args={}", get("/dir/").body());
        assertEquals(404, get("/").status());
        assertEquals(404, get("/dir/missing").status());
        assertEquals(404, get("/nothing/here").status());
    }

    @Test
    void methodNotAllowedForGetHeadPostAndNotImplementedOtherwise() throws Exception {
        RawHttp.Response r = get("/postonly");
        assertEquals(405, r.status());
        assertEquals("POST", r.header("Allow"));
        assertTrue(r.body().contains("with the method \"GET\".  I only allow the method POST here."), r.body());
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("PUT /leaf HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            RawHttp.Response put = http.read(false);
            assertEquals(501, put.status());
            assertTrue(put.body().contains("I don't know how to treat a PUT request."));
        }
    }

    @Test
    void headRunsGetWithoutABody() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("HEAD /leaf/x HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response head = http.read(true);
            assertEquals(200, head.status());
            assertEquals(String.valueOf("prepath=[leaf] postpath=[x] args={}".length()), head.header("Content-Length"));
            assertEquals("hello-after-head", http.get("/results/bytes").status() == 200 ? "hello-after-head" : "");
        }
    }

    @Test
    void formBodiesBecomeArgs() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            String body = "a=1&b=two+words&b=%21";
            http.send("POST /leaf?q=0 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            assertEquals("posted {q=[0], a=[1], b=[two words, !]}", http.read(false).body());
        }
    }

    @Test
    void bytesDeferredAndNotDoneYetLookTheSame() throws Exception {
        assertEquals("bytes!", get("/results/bytes").body());
        assertEquals("6", get("/results/bytes").header("Content-Length"));
        assertEquals("from a thread", get("/results/deferred").body());
        RawHttp.Response streamed = get("/results/notdoneyet");
        assertEquals("one two", streamed.body());
        assertEquals("text/html", streamed.header("Content-Type"));
        assertTrue(WRITE_AFTER_FINISH.get(10, TimeUnit.SECONDS).getMessage().contains("after Request.finish"));
        RawHttp.Response empty = get("/results/empty");
        assertEquals(200, empty.status());
        assertEquals("", empty.body());
    }

    @Test
    void aFailedDeferredGivesThePlainErrorPageWithoutTracebacks() throws Exception {
        RawHttp.Response r = get("/results/failed");
        assertEquals(500, r.status());
        assertEquals("<html><head><title>Processing Failed</title></head><body><b>Processing Failed</b></body></html>",
                r.body());
    }

    @Test
    void aNonBytesResultIsA500() throws Exception {
        RawHttp.Response r = get("/results/integer");
        assertEquals(500, r.status());
        assertTrue(r.body().contains("Request did not return bytes"));
        assertTrue(r.body().contains("Value: <pre>42</pre>"));
    }

    @Test
    void redirectAndCookies() throws Exception {
        RawHttp.Response redirect = get("/results/redirect");
        assertEquals(302, redirect.status());
        assertEquals("/elsewhere", redirect.header("Location"));
        assertEquals("k=v injected  X: y; Path=/; Max-Age=10; Secure; HttpOnly; SameSite=strict",
                get("/results/cookie").header("Set-Cookie"));
        assertThrows(IllegalArgumentException.class, () -> Cookie.builder("a", "b").sameSite("none").build());
    }

    @Test
    void plainHelidonRoutesLiveBesideTheSite() throws Exception {
        assertEquals("a plain Helidon route beside the Site", get("/plain").body());
        assertEquals(404, get("/plainer").status());
    }

    @Test
    void optionsStar() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response r = http.read(false);
            assertEquals(200, r.status());
            assertEquals("0", r.header("Content-Length"));
        }
    }

    @Test
    void accessLogUsesTwistedsCombinedFormat() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /results/bytes HTTP/1.1\r\nHost: x\r\nReferer: http://r/\r\nUser-Agent: probe \"quoted\"\r\n\r\n");
            http.read(false);
        }
        String line = awaitAccessLine("/results/bytes");
        assertTrue(line.matches("\"127\\.0\\.0\\.1\" - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                + "\"GET /results/bytes HTTP/1\\.1\" 200 6 \"http://r/\" \"probe \\\\\"quoted\\\\\"\""), line);
    }

    /** The access log line of {@code path}; lines of earlier tests' requests may still be arriving. */
    private static String awaitAccessLine(String path) throws InterruptedException {
        while (true) {
            String line = ACCESS.poll(10, TimeUnit.SECONDS);
            assertNotNull(line, "no access log line for " + path);
            if (line.contains(" " + path + " ")) {
                return line;
            }
        }
    }
}
