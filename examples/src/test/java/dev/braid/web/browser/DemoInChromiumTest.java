package dev.braid.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.WebServer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo as a browser sees it ({@link Chromium}). Error pages must show
 * within 2 s: a page that never arrives fails the navigation timeout.
 */
class DemoInChromiumTest {
    private static WebServer server;
    private static Chromium chromium;
    private static Browser browser;

    @BeforeAll
    static void start() {
        chromium = Chromium.launch();
        browser = chromium.browser();
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> DemoSite.register(r, new DemoSite.Options(0.05), UnaryOperator.identity()))
                .build().start();
    }

    @AfterAll
    static void stop() {
        Chromium.stop(chromium, server);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static Page page(BrowserContext context) {
        Page page = context.newPage();
        page.setDefaultNavigationTimeout(2_000);
        return page;
    }

    @Test
    void echoCountsPerBrowserContext() {
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            for (int view = 1; view <= 3; view++) {
                page.navigate(url("/echo"));
                assertEquals("Page view #" + view + " in this session", page.textContent("p"));
            }
        }
        try (BrowserContext fresh = browser.newContext()) {
            Page page = page(fresh);
            page.navigate(url("/echo"));
            assertEquals("Page view #1 in this session", page.textContent("p"));
        }
    }

    @Test
    void errorsShowTheTracebackAtOnce() {
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            for (String at : new String[] {"E1", "E2", "E3", "E5"}) {
                for (String echo : new String[] {"/echo", "/echo/original"}) {
                    page.navigate(url(echo + "?raise=" + at));
                    String text = page.textContent("body");
                    assertTrue(text.contains("web.Server Traceback (most recent call last)"), echo + " " + at + ": " + text);
                    assertTrue(text.contains(at + ": raised"), text);
                }
            }
        }
    }

    @Test
    void theTracebacksFoldedLinesOpenOnAClick() {
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            page.navigate(url("/echo?raise=E5"));
            int shown = page.locator("div.frame:visible").count();
            assertTrue(shown >= 1 && page.locator("div.source:visible").count() >= 1, page.content());
            page.locator("details.machinery > summary").first().click();
            assertTrue(page.locator("div.frame:visible").count() > shown, "the first folded run opened");
        }
    }

    @Test
    void theSimulatorDrawsTheChainTypedIntoItsForm() {
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            page.navigate(url("/simulator"));
            page.fill("textarea[name=chain]", "r poem f oops\nf bad p");
            page.click("button[type=submit]");
            page.waitForSelector("svg");
            assertTrue(page.url().contains("chain="), page.url());
            assertTrue(page.locator("svg text").allTextContents().containsAll(List.of("return poem", "fail oops",
                    "fail bad", "passthru", "bad*")), page.locator("svg text").allTextContents().toString());
            double width = ((Number) page.evaluate("() => document.querySelector('svg').getBoundingClientRect().width"))
                    .doubleValue();
            assertTrue(width > 500, "the SVG is laid out: " + width);
        }
    }

    @Test
    void e4ShowsTheNormalPageAndTheNextLoadWorks() {
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            page.navigate(url("/echo?raise=E4"));
            assertEquals("Page view #1 in this session", page.textContent("p"));
            page.navigate(url("/echo"));
            assertEquals("Page view #2 in this session", page.textContent("p"));
        }
    }

    @Test
    void expiringTheSessionGivesANewIdNextTime() {
        try (BrowserContext context = browser.newContext()) {
            Page page = page(context);
            page.navigate(url("/session"));
            String first = page.textContent("body");
            page.navigate(url("/session"));
            assertEquals(first, page.textContent("body"));
            page.navigate(url("/session/expire"));
            assertEquals("Your session has been expired.", page.textContent("body"));
            page.navigate(url("/session"));
            assertNotEquals(first, page.textContent("body"));
            assertTrue(page.textContent("body").matches("Your session id is: [0-9a-f]{64}"));
        }
    }
}
