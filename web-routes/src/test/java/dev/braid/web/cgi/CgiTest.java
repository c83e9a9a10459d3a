package dev.braid.web.cgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.RawHttp;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.webserver.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CGI with real /bin/sh scripts over real HTTP. */
class CgiTest {
    @TempDir
    static Path dir;
    static WebServer server;
    static Path pidFile;

    static Path script(String name, String body) throws Exception {
        Path file = dir.resolve("cgi-bin").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @BeforeAll
    static void start() throws Exception {
        pidFile = dir.resolve("sleeper.pid");
        script("env.sh", "printf 'Content-Type: text/plain\\r\\n\\r\\n'\nenv | sort\n");
        script("echo.sh", "printf 'Content-Type: text/plain\\n\\n'\ncat\n");
        script("args.sh", "printf 'Content-Type: text/plain\\n\\n'\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        script("status.sh", "printf 'Status: 404 Whatever\\nX-NoSpace:novalue\\nServer: evil\\nX-Dup: 1\\nX-Dup: 2\\n\\nmissing\\n'\n");
        script("location.sh", "printf 'Status: 301\\nLocation: /elsewhere\\n\\n'\n");
        script("noheaders.sh", "echo no blank line ever\n");
        script("nooutput.sh", "exit 0\n");
        script("exit3.sh", "printf 'Content-Type: text/plain\\n\\npartial'\necho oops >&2\nexit 3\n");
        script("date.sh", "printf 'Content-Type: text/plain\\n\\n'\ndate -u\n");
        script("sleeper.sh", "echo $$ > " + pidFile + "\nexec sleep 600\n");
        Files.writeString(dir.resolve("cgi-bin/plain.txt"), "printf 'Content-Type: text/plain\\n\\nfiltered'\n");
        Resource root = new Resource();
        root.putChild("cgi-bin", new CgiDirectory(dir.resolve("cgi-bin")));
        root.putChild("filtered", new FilteredScript(dir.resolve("cgi-bin/plain.txt"), "/bin/sh"));
        root.putChild("slow", new CgiScript(dir.resolve("cgi-bin/sleeper.sh"), Duration.ofMillis(300)));
        root.putChild("hang", new CgiScript(dir.resolve("cgi-bin/sleeper.sh"), Duration.ofMinutes(5)));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).accessLog(null).build())).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static RawHttp.Response request(String raw) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(raw);
            return http.read(false);
        }
    }

    static RawHttp.Response get(String path, String... headers) throws Exception {
        return request("GET " + path + " HTTP/1.1\r\nHost: example.org:8080\r\n" + String.join("",
                java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n");
    }

    @Test
    void theEnvironmentFollowsRfc3875() throws Exception {
        RawHttp.Response r = get("/cgi-bin/env.sh/extra/path?a=1&b=2", "Proxy: http://evil:3128", "X-Custom: yes");
        assertEquals(200, r.status());
        assertEquals("text/plain", r.header("Content-Type"));
        String env = r.body();
        for (String expected : new String[] {"REQUEST_METHOD=GET", "QUERY_STRING=a=1&b=2", "PATH_INFO=/extra/path",
            "SCRIPT_NAME=/cgi-bin/env.sh", "SERVER_NAME=example.org", "GATEWAY_INTERFACE=CGI/1.1",
            "SERVER_PROTOCOL=HTTP/1.1", "REMOTE_ADDR=127.0.0.1", "HTTP_X_CUSTOM=yes", "CONTENT_LENGTH=0",
            "REQUEST_URI=/cgi-bin/env.sh/extra/path?a=1&b=2"}) {
            assertTrue(env.lines().anyMatch(expected::equals), expected + " in\n" + env);
        }
        assertFalse(env.contains("HTTP_PROXY"), "httpoxy");
        assertFalse(env.contains("JAVA_HOME="), "the server's own environment is not passed on");
    }

    @Test
    void theBodyGoesToStdinAndArgsComeFromIsindexQueries() throws Exception {
        RawHttp.Response posted = request("POST /cgi-bin/echo.sh HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 11\r\n\r\nhello stdin");
        assertEquals("hello stdin", posted.body());
        assertEquals("[word1]\n[word 2]\n", get("/cgi-bin/args.sh?word1+word%202").body());
        assertEquals("", get("/cgi-bin/args.sh?a=b").body());
    }

    @Test
    void outputHeadersAreParsedAsTwistedDoes() throws Exception {
        RawHttp.Response r = get("/cgi-bin/status.sh");
        assertEquals(404, r.status());
        assertTrue(r.head().startsWith("HTTP/1.1 404 Not Found"), "the reason phrase is the standard one");
        assertNull(r.header("X-NoSpace"), "malformed line ignored");
        assertFalse(r.head().contains("evil"), "the script's Server header is dropped");
        assertTrue(r.head().contains("X-Dup: 1") && r.head().contains("X-Dup: 2"), r.head());
        assertNull(r.header("Content-Type"), "no default Content-Type");
        assertEquals("missing\n", r.body());
        RawHttp.Response moved = get("/cgi-bin/location.sh");
        assertEquals(302, moved.status(), "Location after Status wins");
        assertEquals("/elsewhere", moved.header("Location"));
    }

    @Test
    void prematureEndOfHeadersIs500() throws Exception {
        for (String script : new String[] {"noheaders.sh", "nooutput.sh"}) {
            RawHttp.Response r = get("/cgi-bin/" + script);
            assertEquals(500, r.status(), script);
            assertTrue(r.body().contains("Premature end of script headers."), r.body());
        }
    }

    @Test
    void aNonZeroExitStillFinishesTheResponse() throws Exception {
        RawHttp.Response r = get("/cgi-bin/exit3.sh");
        assertEquals(200, r.status());
        assertEquals("partial", r.body());
    }

    @Test
    void filteredScriptsAndDirectories() throws Exception {
        assertEquals("filtered", get("/filtered").body());
        assertEquals(404, get("/cgi-bin/").status());
        assertEquals(404, get("/cgi-bin/missing.sh").status());
        assertTrue(get("/cgi-bin/date.sh").body().matches("(?s).*\\d{4}.*"));
    }

    @Test
    void aScriptThatRunsTooLongIsKilled() throws Exception {
        Files.deleteIfExists(pidFile);
        RawHttp.Response r = get("/slow");
        assertTrue(r.status() == 500 || r.status() == 200, "answered, not hung: " + r.status());
        assertProcessGone();
    }

    @Test
    void aScriptIsKilledWhenTheClientGoesAway() throws Exception {
        Files.deleteIfExists(pidFile);
        RawHttp http = new RawHttp(server.port());
        http.send("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(Files.exists(pidFile), "the script started");
        http.close();   // FIN while the script sleeps
        assertProcessGone();
    }

    private static void assertProcessGone() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            // Completes once the script has exited, or times out (the test fails) if it was
            // not killed. isAlive() right after it could still see the exited script as a
            // zombie until the JVM's own reaper collects it.
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }
}
