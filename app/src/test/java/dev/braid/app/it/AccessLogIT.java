package dev.braid.app.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access log is written off the request path, in batches, and still loses
 * nothing: 10,000 requests to a daemon, a SIGUSR1 rotation in the middle of
 * them, a SIGTERM at the end, and every request has exactly one access line,
 * in order for each client, in braid.log.1 or braid.log.
 */
class AccessLogIT {
    private static final int CLIENTS = 8;
    private static final int PER_CLIENT = 1_250;
    private static final Pattern ACCESS = Pattern.compile("\\[dev\\.braid\\.web\\.access#info\\] \"127\\.0\\.0\\.1\" - - "
            + "\\[[^]]+] \"GET /page\\.txt\\?client=(\\d+)&n=(\\d+) HTTP/1\\.1\" 200 ");

    @TempDir
    Path dir;

    @Test
    void tenThousandRequestsWithARotationInTheMiddleLeaveEveryLineInOrder() throws Exception {
        Path site = Files.createDirectory(dir.resolve("site"));
        Files.writeString(site.resolve("page.txt"), "a page\n");
        BraidBinary.Result launcher = BraidBinary.run(dir, "web", "--listen", "tcp:0:interface=127.0.0.1",
                "--path", site.toString());
        assertEquals(0, launcher.status(), launcher::toString);
        long pid = Long.parseLong(Files.readString(dir.resolve("braid.pid")));
        int port = Integer.parseInt(Files.readString(dir.resolve("braid.log"))
                .replaceAll("(?s).*Site starting on (\\d+).*", "$1"));

        AtomicInteger done = new AtomicInteger();
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch rotated = new CountDownLatch(1);
        List<Throwable> failures = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofPlatform().start(() -> {
                try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    for (int n = 0; n < PER_CLIENT; n++) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/page.txt?client=" + client + "&n=" + n)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, response.statusCode());
                        if (done.incrementAndGet() == CLIENTS * PER_CLIENT / 2) {
                            halfway.countDown();
                        }
                        if (n == PER_CLIENT / 2) {
                            assertTrue(rotated.await(60, TimeUnit.SECONDS), "the rotation happened");
                        }
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    halfway.countDown();
                }
            }));
        }
        try {
            assertTrue(halfway.await(120, TimeUnit.SECONDS), "half of the requests were answered");
            new ProcessBuilder("kill", "-USR1", Long.toString(pid)).start().waitFor();
            Waiting.forFile(dir.resolve("braid.log.1"), BraidBinary.PATIENCE);
            rotated.countDown();
            for (Thread client : clients) {
                client.join(TimeUnit.SECONDS.toMillis(120));
            }
        } finally {
            rotated.countDown();
            new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
            Waiting.forExit(pid, BraidBinary.PATIENCE);
        }
        assertEquals(List.of(), failures);

        int[] next = new int[CLIENTS];
        int beforeRotation = 0;
        for (Path file : List.of(dir.resolve("braid.log.1"), dir.resolve("braid.log"))) {
            for (String line : Files.readAllLines(file)) {
                Matcher access = ACCESS.matcher(line);
                if (!access.find()) {
                    continue;
                }
                int client = Integer.parseInt(access.group(1));
                assertEquals(next[client], Integer.parseInt(access.group(2)), "order of client " + client + " in " + file);
                next[client]++;
                if (file.endsWith("braid.log.1")) {
                    beforeRotation++;
                }
            }
        }
        for (int client = 0; client < CLIENTS; client++) {
            assertEquals(PER_CLIENT, next[client], "every access line of client " + client);
        }
        assertTrue(beforeRotation > 0 && beforeRotation < CLIENTS * PER_CLIENT,
                "lines before the rotation are in braid.log.1, lines after it in braid.log: " + beforeRotation);
    }
}
