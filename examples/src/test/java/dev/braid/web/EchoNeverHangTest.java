package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed question's page over real HTTP: every raise point either shows the
 * traceback at once or (E4) leaves the page intact; nothing ever hangs — also
 * with the original errback of the question the page comes from, which only returns the failure.
 */
class EchoNeverHangTest {
    private static DemoFixture demo;

    @BeforeAll
    static void start() {
        demo = new DemoFixture();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void countsPageViewsPerSession() throws Exception {
        HttpResponse<String> first = demo.get("/echo");
        assertEquals(200, first.statusCode());
        assertEquals("text/html; charset=UTF-8", first.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("<html><body>\n<p>Page view #1 in this session</p>\n</body></html>\n", first.body());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(cookie.matches("TWISTED_SESSION=[0-9a-f]{64}"), cookie);
        assertTrue(demo.get("/echo", "Cookie", cookie).body().contains("Page view #2 in this session"));
        assertTrue(demo.get("/echo/blocking", "Cookie", cookie).body().contains("Page view #3 in this session"));
        assertTrue(demo.get("/echo/threaded", "Cookie", cookie).body().contains("Page view #4 in this session"));
        assertTrue(demo.get("/echo").body().contains("Page view #1"), "a new visitor starts again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/echo/blocking", "/echo/threaded", "/echo/original"})
    void e1AndE2AndE5GiveTheTracebackPage(String page) throws Exception {
        for (String at : new String[] {"E1", "E2", "E5"}) {
            HttpResponse<String> response = demo.get(page + "?raise=" + at);
            assertEquals(500, response.statusCode(), page + " " + at);
            assertEquals("text/html", response.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(response.body().startsWith("<html><head><title>web.Server Traceback"), response.body());
            assertTrue(response.body().contains(at + ": raised"), response.body());
            assertTrue(response.body().contains("--- &lt;exception caught here"), response.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/echo/blocking", "/echo/threaded", "/echo/original"})
    void e3AppendsTheTracebackToThePartialPage(String page) throws Exception {
        HttpResponse<String> response = demo.get(page + "?raise=E3");
        assertEquals(200, response.statusCode(), "the headers had already gone out");
        assertTrue(response.body().startsWith("<html><body>\n<p>Page view #1 in this session</p>"), response.body());
        assertTrue(response.body().contains("E3: raised after write, before finish"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/echo", "/echo/blocking", "/echo/threaded", "/echo/original"})
    void e4KeepsThePageLogsTheErrorAndTheConnectionStaysUsable(String page) throws Exception {
        try (LogCapture log = LogCapture.of("dev.braid.web"); RawHttp http = new RawHttp(demo.port())) {
            RawHttp.Response response = http.get(page + "?raise=E4");
            assertEquals(200, response.status());
            assertEquals("<html><body>\n<p>Page view #1 in this session</p>\n</body></html>\n", response.body());
            log.await(m -> m.contains("E4: raised after finish"), Duration.ofSeconds(10));
            RawHttp.Response next = http.get("/hello");
            assertEquals(200, next.status());
            assertEquals("hello", next.body());
        }
    }

    @Test
    void delayedAndCallLaterAnswerAfterTheirDelay() throws Exception {
        for (String page : new String[] {"/delayed", "/callLater"}) {
            HttpResponse<String> response = demo.get(page);
            assertEquals(200, response.statusCode(), page);
            assertEquals("<html><body>Sorry to keep you waiting.</body></html>", response.body(), page);
        }
    }

    @Test
    void theBlockingVariantLooksTheSameToTheBrowser() throws Exception {
        HttpResponse<String> deferred = demo.get("/echo");
        HttpResponse<String> blocking = demo.get("/echo/blocking");
        assertEquals(deferred.statusCode(), blocking.statusCode());
        assertEquals(deferred.body(), blocking.body());
        assertEquals(deferred.headers().firstValue("Content-Type"), blocking.headers().firstValue("Content-Type"));
        for (String at : new String[] {"E1", "E2", "E3", "E5"}) {
            assertEquals(demo.get("/echo?raise=" + at).statusCode(), demo.get("/echo/blocking?raise=" + at).statusCode());
        }
    }

    @Test
    void theOriginalErrbackIsReportedOnceNotAsUnhandledLater() throws Exception {
        try (LogCapture log = LogCapture.of("dev.braid.web")) {
            assertEquals(500, demo.get("/echo/original?raise=E2").statusCode());
            assertEquals(200, demo.get("/hello").statusCode());
            assertFalse(log.messages().stream().anyMatch(m -> m.startsWith("Unhandled error in Deferred of GET "
                    + "/echo/original")), log.messages().toString());
        }
    }
}
