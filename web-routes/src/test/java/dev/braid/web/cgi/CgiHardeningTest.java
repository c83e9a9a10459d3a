package dev.braid.web.cgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.RawHttp;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CGI under attack: a flood of requests never starts more than the cap of processes; no paths leak. */
@Timeout(120)
class CgiHardeningTest {
    @TempDir
    static Path dir;
    static WebServer server;
    static final CgiProcesses EIGHT = new CgiProcesses(8);

    @BeforeAll
    static void start() throws Exception {
        Path release = dir.resolve("release");
        Path waiting = script("waiting.sh", "while [ ! -e " + release + " ]; do sleep 0.05; done\n"
                + "printf 'Content-Type: text/plain\\n\\ndone'\n");
        Path args = script("args.sh", "printf 'Content-Type: text/plain\\n\\n'\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        Path notExecutable = dir.resolve("cgi-bin/plain.sh");
        Files.writeString(notExecutable, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dir.resolve("cgi-bin/.hidden.sh"), "#!/bin/sh\necho hidden\n");
        Files.setPosixFilePermissions(dir.resolve("cgi-bin/.hidden.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Resource root = new Resource();
        root.putChild("waiting", new CgiScript(waiting, CgiOptions.defaults().withProcesses(EIGHT)));
        root.putChild("cgi-bin", new CgiDirectory(dir.resolve("cgi-bin")));
        root.putChild("noargs", new CgiScript(args, CgiOptions.defaults().withQueryArguments(false)));
        root.putChild("missing-interpreter", new FilteredScript(args, "/nonexistent/interpreter"));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).accessLog(null).displayTracebacks(true).build()))
                .build().start();
    }

    static Path script(String name, String body) throws Exception {
        Path file = Files.createDirectories(dir.resolve("cgi-bin")).resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aHundredRequestsStartAtMostTheCapOfProcesses() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/waiting"))
                    .timeout(Duration.ofSeconds(60)).build();
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            CountDownLatch refusals = new CountDownLatch(92);
            for (int i = 0; i < 100; i++) {
                all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, error) -> {
                    if (r != null && r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
                        refusals.countDown();
                    }
                }));
            }
            // the refused ones are answered at once, while eight scripts still wait for the release file
            try {
                assertTrue(refusals.await(60, TimeUnit.SECONDS), refusals.getCount() + " refusals missing");
                assertEquals(8, EIGHT.running());
            } finally {
                Files.createFile(dir.resolve("release"));   // the eight scripts end whatever happened
            }
            int served = 0;
            for (CompletableFuture<HttpResponse<String>> response : all) {
                HttpResponse<String> r = response.get(1, TimeUnit.MINUTES);
                if (r.statusCode() == 200) {
                    assertEquals("done", r.body());
                    served++;
                }
            }
            assertEquals(8, served);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (EIGHT.running() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, EIGHT.running(), "every slot is given back when its script exits");
        }
    }

    @Test
    void aScriptThatCannotRunLeaksNoPathAndNoTraceback() throws Exception {
        for (String path : new String[] {"/cgi-bin/plain.sh", "/missing-interpreter"}) {
            RawHttp.Response r = get(path);
            assertTrue(r.status() == 403 || r.status() == 500, path + ": " + r.status());
            assertFalse(r.body().contains(dir.toString()), r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains("Traceback"), r.body());
        }
        assertEquals(403, get("/cgi-bin/plain.sh").status());
        assertEquals(404, get("/cgi-bin/.hidden.sh").status(), "dotfiles are not scripts");
    }

    @Test
    void queryArgumentsCanBeTurnedOff() throws Exception {
        assertEquals("[word]\n", get("/cgi-bin/args.sh?word").body());
        assertEquals("", get("/noargs?word").body());
    }

    private static RawHttp.Response get(String path) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            return http.read(false);
        }
    }
}
