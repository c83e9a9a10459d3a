package dev.braid.bench;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline of {@code bench/run.sh}: the benchmarked demo pages written as
 * plain Helidon 4 SE routes, with no Braid in between — what the same work
 * costs on the same server without Twisted's model.
 *
 * <ul>
 *   <li>{@code /hello}: "hello", text/html.</li>
 *   <li>{@code /echo}: the session named by the {@code TWISTED_SESSION}
 *       cookie (found in a concurrent map, or made with a 64-hex id from
 *       SecureRandom and sent as a cookie), its counter incremented, the page
 *       built on a new virtual thread (the {@code deferToThread} hop) and
 *       written chunked as text/html; charset=UTF-8 — the same bytes as
 *       Braid's and Twisted's page.</li>
 *   <li>{@code /delayed}: sleeps the delay on the request's virtual thread,
 *       then answers "Sorry to keep you waiting."</li>
 * </ul>
 * Sessions have no expiry timers; the map is capped at 100,000 like Braid's
 * default store (an arbitrary one is dropped beyond it).
 *
 * <pre>{@code
 * java -cp ... dev.braid.bench.RawHelidonServer 18082 0.05    # PORT [DELAY_SECONDS [BACKLOG]]
 * }</pre>
 */
public final class RawHelidonServer {
    private static final String COOKIE = "TWISTED_SESSION";
    private static final int MAX_SESSIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SORRY = "<html><body>Sorry to keep you waiting.</body></html>"
            .getBytes(StandardCharsets.US_ASCII);

    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
    private final long delayMillis;

    private RawHelidonServer(double delaySeconds) {
        this.delayMillis = Math.round(delaySeconds * 1000);
    }

    /**
     * Serves the pages on 127.0.0.1 until the process is stopped.
     *
     * @param args the port (0 for any), the /delayed delay in seconds (0.05), the listen backlog (1024)
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        double delay = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        RawHelidonServer pages = new RawHelidonServer(delay);
        WebServer server = WebServer.builder().host("127.0.0.1").port(port).backlog(backlog)
                .routing(pages::routing).build().start();
        System.out.println("raw Helidon serving on http://127.0.0.1:" + server.port() + "/");
    }

    private void routing(HttpRouting.Builder routing) {
        routing.get("/hello", (req, res) -> {
            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html"));
            res.send(HELLO);
        });
        routing.get("/echo", this::echo);
        routing.get("/delayed", (req, res) -> {
            Thread.sleep(delayMillis);
            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html"));
            res.send(SORRY);
        });
    }

    private void echo(ServerRequest req, ServerResponse res) throws IOException, InterruptedException {
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8"));
        String uid = req.headers().cookies().first(COOKIE).orElse(null);
        AtomicInteger counter = uid == null ? null : sessions.get(uid);
        if (counter == null) {
            uid = newUid();
            counter = new AtomicInteger(1);
            sessions.put(uid, counter);
            trim();
            res.header(HeaderNames.SET_COOKIE, COOKIE + "=" + uid + "; Path=/; HttpOnly; SameSite=Lax");
        }
        int count = counter.getAndIncrement();
        String[] page = new String[1];
        Thread.ofVirtual().start(() -> page[0] = page(count)).join();
        try (OutputStream out = res.outputStream()) {
            out.write(page[0].getBytes(StandardCharsets.UTF_8));
        }
    }

    private void trim() {
        Iterator<String> ids = sessions.keySet().iterator();
        while (sessions.size() > MAX_SESSIONS && ids.hasNext()) {
            ids.next();
            ids.remove();
        }
    }

    private static String page(int count) {
        return "<html><body>\n<p>Page view #" + count + " in this session</p>\n</body></html>\n";
    }

    private static String newUid() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
