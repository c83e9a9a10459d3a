package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Failure;
import dev.braid.web.file.FileResource;
import dev.braid.web.internal.TracebackPage;
import dev.braid.web.script.ResourceScripts;
import io.helidon.webserver.WebServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traceback page reads as its heading says — most recent call last — with
 * the machinery folded behind one line per run and the application's frames in
 * sight with their source lines.
 */
class TracebackPageTest {
    private static final Pattern FOLDED = Pattern.compile("<details class=\"machinery\"><summary>([^<]*)</summary>");

    @TempDir
    static Path dir;
    private static DemoFixture demo;

    @BeforeAll
    static void start() {
        demo = new DemoFixture();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    /** The page's text outside the folded runs. */
    private static String unfolded(String page) {
        return page.replaceAll("(?s)<details class=\"machinery\">.*?</details>", "");
    }

    @Test
    void oldestCallFirstWithTheMachineryFoldedAndTheSourceShown() {
        Throwable error = new IllegalStateException("boom");
        error.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.Thrower", "inner", "Thrower.java", 10),
            new StackTraceElement("com.example.Thrower", "outer", "Thrower.java", 5),
            new StackTraceElement("dev.braid.deferred.Deferred", "call", "Deferred.java", 1),
            new StackTraceElement("dev.braid.deferred.EventLoop", "run", "EventLoop.java", 2),
            new StackTraceElement("io.helidon.webserver.http1.Http1Connection", "handle", "Http1Connection.java", 3),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 4),
        });
        String page = TracebackPage.page(new Failure(error));
        int folded = page.indexOf("<details class=\"machinery\"><summary>4 frames of the JDK, Helidon and the event loop"
                + "</summary>");
        int threadRun = page.indexOf("java.lang.Thread.run");
        int marker = page.indexOf("--- &lt;exception caught here&gt; ---");
        int outer = page.indexOf("com.example.Thrower.outer");
        int inner = page.indexOf("com.example.Thrower.inner");
        assertTrue(folded >= 0 && folded < threadRun && threadRun < marker && marker < outer && outer < inner, page);
        assertEquals(1, FOLDED.matcher(page).results().count(), "one line for the whole run");
        assertTrue(unfolded(page).contains("com.example.Thrower.inner"), "the application's frames stay in sight");
        assertTrue(page.lastIndexOf("boom") > inner, "the exception again after the frames");
    }

    @Test
    void aCauseComesBeforeWhatItCaused() {
        Exception cause = new java.io.IOException("disk gone");
        RuntimeException outer = new IllegalStateException("cannot save", cause);
        String page = TracebackPage.page(new Failure(outer));
        String trace = page.substring(page.indexOf("<div class=\"stackTrace\">"));
        int causeLine = trace.indexOf("java.io.IOException</span>: <span>disk gone");
        int chain = trace.indexOf("The above exception was the direct cause of the following exception:");
        int thisTest = trace.indexOf("TracebackPageTest.aCauseComesBeforeWhatItCaused", chain);
        assertTrue(causeLine >= 0 && causeLine < chain && chain < thisTest, trace);
    }

    @Test
    void theDemosTracebackShowsItsOwnFramesWithSourceLines() throws Exception {
        for (String at : new String[] {"E1", "E2", "E5"}) {
            HttpResponse<String> response = demo.get("/echo?raise=" + at);
            assertEquals(500, response.statusCode());
            String page = response.body();
            String visible = unfolded(page);
            Matcher frames = Pattern.compile("<div class=\"frame\">").matcher(page);
            long all = frames.results().count();
            long shown = Pattern.compile("<div class=\"frame\">").matcher(visible).results().count();
            assertTrue(all > shown && shown <= 4, at + ": " + shown + " of " + all + " frames in sight\n" + visible);
            assertTrue(visible.contains("dev.braid.web.examples.EchoResource"), visible);
            assertTrue(visible.contains("<div class=\"source\">      throw new Illegal"), "source at hand: " + visible);
            assertTrue(visible.contains(at + ": raised"), visible);
            Matcher summaries = FOLDED.matcher(page);
            assertTrue(summaries.find(), page);
            assertTrue(summaries.group(1).matches("\\d+ frames? of .*"), summaries.group(1));
            int firstFold = page.indexOf("<details class=\"machinery\">");
            assertTrue(firstFold < page.indexOf("EchoResource"), "the oldest calls, the machinery's, come first");
        }
    }

    @Test
    void aResourceScriptsFramesShowItsOwnLines() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("fails.rpy.java"), """
                import dev.braid.web.Request;
                import dev.braid.web.Resource;
                import dev.braid.web.script.ResourceScript;
                import dev.braid.web.script.ScriptContext;

                public class Fails implements ResourceScript {
                    @Override
                    public Resource resource(ScriptContext context) {
                        return new Resource() {
                            @Override
                            protected Object renderGet(Request request) {
                                throw new IllegalStateException("the script failed");   // line 12
                            }
                        };
                    }
                }
                """);
        Resource root = new Resource();
        root.putChild("www", FileResource.builder(www).processor(ResourceScripts.EXTENSION,
                new ResourceScripts().processor()).build());
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).displayTracebacks(true).accessLog(null).build()))
                .build().start();
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response = http.get("/www/fails.rpy.java");
            assertEquals(500, response.status());
            String visible = unfolded(response.body());
            assertTrue(visible.contains("(fails.rpy.java:12)"), visible);
            assertTrue(visible.contains("<div class=\"source\">      throw new IllegalStateException(&quot;the script"
                    + " failed&quot;);   // line 12</div>"), visible);
        } finally {
            server.stop();
        }
    }
}
