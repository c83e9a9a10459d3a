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

/** The demo's /simulator page over real HTTP: the form, the SVG, and bad chains. */
class SimulatorPageTest {
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
}
