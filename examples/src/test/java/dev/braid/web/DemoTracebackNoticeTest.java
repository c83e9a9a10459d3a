package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The demo shows tracebacks and says so on its index page; with them off, error pages reveal nothing. */
class DemoTracebackNoticeTest {
    @Test
    void theDemoSaysItShowsTracebacks() throws Exception {
        try (DemoFixture demo = new DemoFixture()) {
            assertTrue(demo.get("/").body().contains("Tracebacks are on"));
            assertTrue(demo.get("/echo?raise=E1").body().contains("EchoResource"), "the demo shows the traceback");
        }
    }

    @Test
    void withTracebacksOffTheErrorPageRevealsNothing() throws Exception {
        try (DemoFixture demo = new DemoFixture(b -> b.displayTracebacks(false))) {
            assertFalse(demo.get("/").body().contains("Tracebacks are on"));
            HttpResponse<String> error = demo.get("/echo?raise=E1");
            assertEquals(500, error.statusCode());
            assertFalse(error.body().contains("EchoResource") || error.body().contains("dev.braid")
                    || error.body().contains(".java"), error.body());
        }
    }
}
