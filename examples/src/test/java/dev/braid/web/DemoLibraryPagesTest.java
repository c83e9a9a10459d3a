package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's pages of library features over real HTTP: /simulator (the form,
 * the SVG, bad chains) and /db (rows from H2 through adbapi).
 */
class DemoLibraryPagesTest {
    private static DemoFixture demo;

    @BeforeAll
    static void start() {
        demo = new DemoFixture();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static HttpResponse<String> draw(String chain) throws Exception {
        return demo.get("/simulator?chain=" + URLEncoder.encode(chain, StandardCharsets.UTF_8));
    }

    @Test
    void theFormComesWithTheClient5Example() throws Exception {
        HttpResponse<String> page = demo.get("/simulator");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<textarea name=\"chain\" rows=\"8\" cols=\"40\">r poem p\nr None r None"),
                page.body());
        assertFalse(page.body().contains("<svg"));
    }

    @Test
    void aChainIsDrawnAsSvgWithBothFirings() throws Exception {
        HttpResponse<String> page = draw("r poem p\nf bad r ok");
        assertEquals(200, page.statusCode());
        String body = page.body();
        assertTrue(body.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), body);
        for (String text : new String[] {">return poem<", ">passthru<", ">fail bad<", ">return ok<",
                ">d.callback(initial)<", ">d.errback(initial*)<", ">bad*<"}) {
            assertTrue(body.contains(text), text);
        }
    }

    @Test
    void badChainsAre400sNamingTheLineEscaped() throws Exception {
        HttpResponse<String> bad = draw("r poem p\n<b>x</b> p");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("line 2: bad command: &lt;b&gt;x&lt;/b&gt;"), bad.body());
        assertFalse(bad.body().contains("<b>x"), "escaped everywhere, the form too");
        assertEquals(400, draw("   \n").statusCode());
        assertEquals(400, draw("r toolong p").statusCode());
        assertEquals(400, draw("p p\n".repeat(21)).statusCode());
        assertEquals(200, draw("p p\n".repeat(20)).statusCode());
    }

    @Test
    void listsTheSeededRows() throws Exception {
        HttpResponse<String> page = demo.get("/db");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<tr><td>3</td><td>Kubla Khan</td><td>Samuel Taylor Coleridge</td><td>54</td></tr>"),
                page.body());
        assertTrue(page.body().contains("4 rows, read through adbapi's runQuery."), page.body());
    }

    @Test
    void filtersWithABoundParameterAndEscapes() throws Exception {
        assertTrue(demo.get("/db?poet=John+Donne").body().contains("2 rows"));
        HttpResponse<String> injection = demo.get("/db?poet=" + URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8));
        assertEquals(200, injection.statusCode());
        assertTrue(injection.body().contains("0 rows"), "a bound parameter, not SQL: " + injection.body());
        HttpResponse<String> markup = demo.get("/db?poet=%3Cscript%3E");
        assertTrue(markup.body().contains("Poems by &lt;script&gt;"), markup.body());
        assertEquals(400, demo.get("/db?poet=" + "x".repeat(81)).statusCode());
    }
}
