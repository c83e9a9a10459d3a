package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in plugins, run by the binary. */
class BuiltinPluginsIT {
    @TempDir
    Path dir;

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    @Test
    void helpListsEveryBuiltInPlugin() throws Exception {
        BraidBinary.Result help = BraidBinary.run(dir, "--help");
        assertEquals(0, help.status(), help::toString);
        for (String plugin : new String[] {"demo", "fastpoetry", "poetry-proxy", "slowpoetry", "transform", "web"}) {
            assertTrue(help.out().contains("\n    " + plugin + " "), plugin + " in\n" + help.out());
        }
    }

    @Test
    void theBinaryRunsTheTutorialsExamples() throws Exception {
        BraidBinary.Result example = BraidBinary.run(dir, "example", "defer-11");
        assertEquals(0, example.status(), example::toString);
        try (var expected = BuiltinPluginsIT.class.getResourceAsStream("/tutorial/defer-11.out")) {
            assertEquals(new String(expected.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), example.out());
        }
        BraidBinary.Result help = BraidBinary.run(dir, "--help");
        assertTrue(help.out().contains("\n    example "), help.out());
    }

    @Test
    void demoServesTheWebPages() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "demo",
                "--listen=tcp:0:interface=127.0.0.1", "--delay=0")) {
            int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
            assertEquals("hello", get(port, "/hello"));
            assertTrue(get(port, "/").contains("Braid demo"));
            // The extras come from the binary's own etc/: static files, a resource script compiled at run time
            // (the image must hold the Java compiler), CGI, a hosted HttpHandler app.
            assertTrue(get(port, "/static/").contains("<"), "public_html");
            assertTrue(get(port, "/static/hello.rpy.java").contains("Hello from a resource script"));
            assertTrue(get(port, "/cgi-bin/date.sh").contains("UTC"));
            assertTrue(get(port, "/app/").startsWith("Hello from a JDK HttpHandler"));
            assertEquals(143, braid.signalAndWait("TERM"));
            assertTrue(braid.output().contains("[-] (TCP Port " + port + " Closed)"), braid.output());
        }
    }

    @Test
    void webServesADirectory() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("index.txt"), "served\n");
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "web", "--path=.",
                "--listen=tcp:0:interface=127.0.0.1")) {
            int port = Integer.parseInt(braid.await("\\[-\\] Site starting on (\\d+)"));
            assertEquals("served\n", get(port, "/index.txt"));
            assertEquals(143, braid.signalAndWait("TERM"));
        }
    }
}
