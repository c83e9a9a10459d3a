package dev.braid.web.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.RawHttp;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.webserver.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static files over real HTTP: types, listings, conditionals, ranges, and the root's walls. */
class FileResourceTest {
    @TempDir
    static Path base;
    private static WebServer server;
    private static String lastModified;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createDirectories(base.resolve("www"));
        Files.writeString(root.resolve("twenty.txt"), "abcdefghijklmnopqrst");
        Files.writeString(root.resolve("old.txt"), "0123456789".repeat(300));
        Files.setLastModifiedTime(root.resolve("old.txt"), FileTime.from(Instant.parse("2025-12-03T09:05:01Z")));
        Files.write(root.resolve("archive.tar.gz"), new byte[] {31, -117, 8, 0});
        Files.writeString(root.resolve("noext"), "x");
        Files.writeString(root.resolve("<b>&odd.txt"), "odd name");
        Files.writeString(root.resolve(".hidden"), "dot");
        Files.createDirectories(root.resolve("sub"));
        Files.createDirectories(root.resolve("withindex"));
        Files.writeString(root.resolve("withindex/index.html"), "<p>index</p>");
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        Arrays.fill(big, (byte) 'b');
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(base.resolve("secret.txt"), "outside the root");
        Files.createSymbolicLink(root.resolve("escape"), base.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escapedir"), base);
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("twenty.txt"));
        Resource site = new Resource();
        site.putChild("static", FileResource.of(root));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(site).accessLog(null).build())).build().start();
        lastModified = get("/static/twenty.txt").header("Last-Modified");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawHttp.Response get(String path, String... headers) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + String.join("", Arrays.stream(headers)
                    .map(h -> h + "\r\n").toList()) + "\r\n");
            return http.read(false);
        }
    }

    @Test
    void filesWithTypesAndEncodings() throws Exception {
        RawHttp.Response text = get("/static/twenty.txt");
        assertEquals(200, text.status());
        assertEquals("abcdefghijklmnopqrst", text.body());
        assertEquals("text/plain", text.header("Content-Type"));
        assertEquals("20", text.header("Content-Length"));
        assertEquals("bytes", text.header("Accept-Ranges"));
        assertNotNull(text.header("ETag"));
        RawHttp.Response tar = get("/static/archive.tar.gz");
        assertEquals("application/x-tar", tar.header("Content-Type"));
        assertEquals("gzip", tar.header("Content-Encoding"));
        assertEquals("application/octet-stream", get("/static/noext").header("Content-Type"));
        assertEquals("abcdefghijklmnopqrst", get("/static/inside").body(), "a link inside the root is fine");
    }

    @Test
    void aBigFileIsStreamedWhole() throws Exception {
        RawHttp.Response big = get("/static/big.bin");
        assertEquals(3 * 1024 * 1024 + 17, big.body().length());
    }

    @Test
    void directoriesRedirectIndexAndList() throws Exception {
        RawHttp.Response redirect = get("/static/sub?q=1");
        assertEquals(302, redirect.status());
        assertEquals("/static/sub/?q=1", redirect.header("Location"));
        assertEquals("<p>index</p>", get("/static/withindex/").body());
        RawHttp.Response listing = get("/static/");
        assertEquals("text/html; charset=utf-8", listing.header("Content-Type"));
        String html = listing.body();
        assertTrue(html.contains("Directory listing for /static/"), html);
        assertTrue(html.contains("&lt;b&gt;&amp;odd.txt"), "names are escaped");
        assertFalse(html.contains("<b>&odd"), "never raw");
        assertFalse(html.contains(".hidden"), "dotfiles are hidden (Twisted lists them)");
        assertTrue(html.indexOf("sub/") < html.indexOf("twenty.txt"), "directories first");
        assertFalse(html.contains("escape"), "links leading out are not listed");
    }

    @Test
    void conditionalRequestsGet304() throws Exception {
        String etag = get("/static/twenty.txt").header("ETag");
        assertEquals(304, get("/static/twenty.txt", "If-None-Match: " + etag).status());
        assertEquals(200, get("/static/twenty.txt", "If-None-Match: \"other\"").status());
        assertEquals(304, get("/static/twenty.txt", "If-Modified-Since: " + lastModified).status(),
                "the same second counts as not modified");
        assertEquals(200, get("/static/twenty.txt", "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status());
        assertEquals(200, get("/static/twenty.txt", "If-Modified-Since: not a date").status());
    }

    @Test
    void singleRanges() throws Exception {
        assertRange("bytes=0-4", "bytes 0-4/20", "abcde");
        assertRange("bytes=15-", "bytes 15-19/20", "pqrst");
        assertRange("bytes=-3", "bytes 17-19/20", "rst");
        assertRange("bytes=10-100", "bytes 10-19/20", "klmnopqrst");
        for (String unsatisfiable : new String[] {"bytes=50-60", "bytes=-0", "bytes=50-60,70-80"}) {
            RawHttp.Response r = get("/static/twenty.txt", "Range: " + unsatisfiable);
            assertEquals(416, r.status(), unsatisfiable);
            assertEquals("bytes */20", r.header("Content-Range"));
        }
        for (String invalid : new String[] {"bytes=5-2", "items=0-1", "bytes", "bytes=a-b"}) {
            RawHttp.Response r = get("/static/twenty.txt", "Range: " + invalid);
            assertEquals(200, r.status(), invalid);
            assertEquals("abcdefghijklmnopqrst", r.body());
        }
    }

    private static void assertRange(String range, String contentRange, String body) throws Exception {
        RawHttp.Response r = get("/static/twenty.txt", "Range: " + range);
        assertEquals(206, r.status(), range);
        assertEquals(contentRange, r.header("Content-Range"));
        assertEquals(body, r.body());
    }

    @Test
    void multipleRangesAreMultipartByteranges() throws Exception {
        RawHttp.Response r = get("/static/twenty.txt", "Range: bytes=0-1,5-6,90-99");
        assertEquals(206, r.status());
        String type = r.header("Content-Type");
        assertTrue(type.startsWith("multipart/byteranges; boundary=\""), type);
        String boundary = type.substring(type.indexOf('"') + 1, type.length() - 1);
        assertEquals("\r\n--" + boundary + "\r\nContent-type: text/plain\r\nContent-range: bytes 0-1/20\r\n\r\nab"
                + "\r\n--" + boundary + "\r\nContent-type: text/plain\r\nContent-range: bytes 5-6/20\r\n\r\nfg"
                + "\r\n--" + boundary + "--\r\n", r.body());
        assertEquals(String.valueOf(r.body().length()), r.header("Content-Length"));
    }

    @Test
    void overlappingRangesAreMergedSoTheLengthIsExact() throws Exception {
        assertRange("bytes=0-9,0-9", "bytes 0-9/20", "abcdefghij");
        assertRange("bytes=5-8,0-4,3-6", "bytes 0-8/20", "abcdefghi");
        assertRange("bytes=0-4,5-9", "bytes 0-9/20", "abcdefghij");
        assertRange("bytes=-5,10-", "bytes 10-19/20", "klmnopqrst");
    }

    @Test
    void tooManyPartsGetTheWholeFile() throws Exception {
        StringBuilder many = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= ByteRanges.MAX_PARTS; i++) {
            many.append(',').append(i * 10).append('-').append(i * 10);
        }
        RawHttp.Response whole = get("/static/old.txt", "Range: " + many);
        assertEquals(200, whole.status());
        assertEquals(3000, whole.body().length());
        assertNull(whole.header("Content-Range"));
        RawHttp.Response allowed = get("/static/old.txt", "Range: " + many.substring(0, many.lastIndexOf(",")));
        assertEquals(206, allowed.status(), "exactly MAX_PARTS parts are still served");
        assertEquals(String.valueOf(allowed.body().length()), allowed.header("Content-Length"));
        String amplifier = "bytes=" + "0-2999,".repeat(500) + "0-2999";
        RawHttp.Response merged = get("/static/old.txt", "Range: " + amplifier);
        assertEquals(206, merged.status());
        assertEquals(3000, merged.body().length(), "the same range 501 times is sent once");
    }

    @Test
    void ifRangeHonoursTheRangeOnlyForTheCurrentStrongValidator() throws Exception {
        RawHttp.Response full = get("/static/old.txt");
        String etag = full.header("ETag");
        assertEquals("Wed, 03 Dec 2025 09:05:01 GMT", full.header("Last-Modified"));
        assertEquals(206, get("/static/old.txt", "Range: bytes=0-3", "If-Range: " + etag).status());
        assertEquals(206, get("/static/old.txt", "Range: bytes=0-3", "If-Range: Wed, 03 Dec 2025 09:05:01 GMT").status());
        for (String stale : new String[] {"\"other\"", "W/" + etag, "Wed, 03 Dec 2025 09:05:00 GMT", "garbage"}) {
            RawHttp.Response r = get("/static/old.txt", "Range: bytes=0-3", "If-Range: " + stale);
            assertEquals(200, r.status(), stale);
            assertEquals(3000, r.body().length(), stale);
        }
        Files.writeString(base.resolve("www/young.txt"), "just written");
        Files.setLastModifiedTime(base.resolve("www/young.txt"), FileTime.from(Instant.now().plusSeconds(5)));
        String young = get("/static/young.txt").header("Last-Modified");
        assertEquals(200, get("/static/young.txt", "Range: bytes=0-3", "If-Range: " + young).status(),
                "a date within the last second is a weak validator");
    }

    @Test
    void ifModifiedSinceReadsAllThreeDateFormats() throws Exception {
        for (String date : new String[] {"Wed, 03 Dec 2025 09:05:01 GMT", "Wednesday, 03-Dec-25 09:05:01 GMT",
            "Wed Dec  3 09:05:01 2025", "Thu, 04 Dec 2025 00:00:00 GMT"}) {
            assertEquals(304, get("/static/old.txt", "If-Modified-Since: " + date).status(), date);
        }
        for (String date : new String[] {"Wed, 03 Dec 2025 09:05:00 GMT", "Tuesday, 02-Dec-25 09:05:01 GMT",
            "Wed Dec  3 09:05:00 2025", "not a date"}) {
            assertEquals(200, get("/static/old.txt", "If-Modified-Since: " + date).status(), date);
        }
    }

    @Test
    void datesAreImfFixdateWithTwoDigitDays() throws Exception {
        RawHttp.Response r = get("/static/old.txt");
        assertEquals("Wed, 03 Dec 2025 09:05:01 GMT", r.header("Last-Modified"));
        assertTrue(r.header("Date").matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                r.header("Date"));
    }

    @Test
    void nothingOutsideTheRootIsEverServed() throws Exception {
        for (String path : new String[] {"/static/%2e%2e/secret.txt", "/static/sub/%2E%2E/twenty.txt",
            "/static/sub/..%2F..%2Fsecret.txt", "/static/escape", "/static/escapedir/secret.txt",
            "/static/twenty.txt%00.html", "/static/%2e", "/static/sub%5C..%5Ctwenty.txt"}) {
            RawHttp.Response r = get(path);
            assertTrue(r.status() == 404 || r.status() == 400, path + " gave " + r.status());
            assertFalse(r.body().contains("outside the root"), path);
        }
        RawHttp.Response dotdot = get("/static/../secret.txt");
        assertFalse(dotdot.body().contains("outside the root"));
    }

    @Test
    void headSendsHeadersOnly() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("HEAD /static/twenty.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response r = http.read(true);
            assertEquals(200, r.status());
            assertEquals("20", r.header("Content-Length"));
            assertEquals("abcdefghijklmnopqrst", http.get("/static/twenty.txt").body(), "the connection is intact");
        }
        assertNull(null);
    }
}
