package dev.braid.bench;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Threads;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.examples.DemoSite;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of Braid's loop per request, step by step:
 * <ul>
 *   <li>{@code emptyLoop}: a loop created, run with one event that stops it,
 *       and ended — what a request whose render answers at once pays for the
 *       loop itself;</li>
 *   <li>{@code loopWithDeferToThread}: the same loop forking one subtask and
 *       stopping when its Deferred fires on the loop (the scope is opened,
 *       joined and closed);</li>
 *   <li>{@code siteHello} / {@code rawHello}: GET /hello through a whole
 *       {@link Site} (resource traversal, request loop, access log line
 *       formatted and handed to a sink) against the same page as a plain
 *       Helidon route, each on its own Helidon server, one request at a time
 *       on one keep-alive loopback connection. Helidon's connection handler
 *       only runs behind a socket, so both include the loopback round trip;
 *       the difference between them is what Braid adds to a request.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class RequestLoopBenchmark {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private Site site;
    private WebServer siteServer;
    private WebServer rawServer;
    private KeepAliveClient siteClient;
    private KeepAliveClient rawClient;
    private long logged;

    @Setup(Level.Trial)
    public void start() throws IOException {
        Resource root = new Resource() { };
        root.putChild("hello", new DemoSite.HelloResource());
        site = Site.builder(root).accessLog(line -> logged += line.length()).build();
        siteServer = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.register(site)).build().start();
        rawServer = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.get("/hello", (req, res) -> {
            res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/html"));
            res.send(HELLO);
        })).build().start();
        siteClient = new KeepAliveClient(siteServer.port());
        rawClient = new KeepAliveClient(rawServer.port());
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        siteClient.close();
        rawClient.close();
        siteServer.stop();
        rawServer.stop();
        site.close();
    }

    @Benchmark
    public Object emptyLoop() {
        EventLoop loop = EventLoop.create("bench");
        loop.callWhenRunning(loop::stop);
        loop.run();
        return loop;
    }

    @Benchmark
    public Object loopWithDeferToThread() {
        EventLoop loop = EventLoop.create("bench");
        loop.callWhenRunning(() -> {
            Deferred<Integer> d = Threads.deferToThread(() -> 42);
            d.addBoth(ignored -> {
                loop.stop();
                return null;
            });
        });
        loop.run();
        return loop;
    }

    @Benchmark
    public Object siteHello() throws IOException {
        return siteClient.get("/hello");
    }

    @Benchmark
    public Object rawHello() throws IOException {
        return rawClient.get("/hello");
    }
}
