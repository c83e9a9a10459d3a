package dev.braid.web.extras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import dev.braid.web.RawHttp;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.file.FileResource;
import dev.braid.web.hosting.HttpHandlerResource;
import dev.braid.web.proxy.ReverseProxyResource;
import dev.braid.web.script.ResourceScripts;
import dev.braid.web.vhost.NameVirtualHost;
import io.helidon.webserver.WebServer;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosted HttpHandler apps, the reverse proxy, virtual hosts and resource scripts over real HTTP. */
class HostingProxyVhostScriptTest {
    @TempDir
    static Path dir;
    static WebServer upstream;
    static WebServer server;
    static ExecutorService handlers = HttpHandlerResource.boundedExecutor(4);
    static int deadPort;

    static final HttpHandler APP = exchange -> {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/boom")) {
            throw new IllegalStateException("app failed before answering");
        }
        if (path.endsWith("/half")) {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("first".getBytes());
            out.flush();
            throw new IllegalStateException("app failed after writing");
        }
        String body = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " context="
                + exchange.getHttpContext().getPath() + " body=" + new String(exchange.getRequestBody().readAllBytes());
        exchange.getResponseHeaders().add("X-App", "yes");
        exchange.sendResponseHeaders(201, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String part : body.split(" ")) {
                out.write((part + " ").getBytes(StandardCharsets.UTF_8));
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Resource upstreamRoot = new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected Object renderGet(Request request) {
                request.setHeader("X-Upstream", "1");
                return "upstream saw " + request.uri() + " xff=" + request.getHeader("X-Forwarded-For").orElse("-");
            }

            @Override
            protected Object renderPost(Request request) {
                return "upstream got " + new String(request.contentBytes());
            }
        };
        upstream = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(upstreamRoot).accessLog(null).build())).build().start();
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(scripts.resolve("counter.rpy.java"), """
                import dev.braid.web.*;
                import dev.braid.web.script.*;
                public class Counter implements ResourceScript {
                    public Resource resource(ScriptContext context) {
                        context.cache();
                        return new Resource() {
                            int visits;
                            @Override protected Object renderGet(Request request) { return "visit " + ++visits; }
                        };
                    }
                }
                """);
        Files.writeString(scripts.resolve("fresh.rpy.java"), """
                import dev.braid.web.*;
                import dev.braid.web.script.*;
                public class Fresh implements ResourceScript {
                    public Resource resource(ScriptContext context) {
                        return new Resource() {
                            int visits;
                            @Override protected Object renderGet(Request request) { return "visit " + ++visits; }
                        };
                    }
                }
                """);
        Files.writeString(scripts.resolve("broken.rpy.java"), """
                public class Broken implements dev.braid.web.script.ResourceScript {
                    public dev.braid.web.Resource resource(dev.braid.web.script.ScriptContext c) { return nope; }
                }
                """);
        ResourceScripts compiler = new ResourceScripts();
        Resource root = new Resource();
        root.putChild("app", new HttpHandlerResource(handlers, APP));
        root.putChild("proxy", new ReverseProxyResource("127.0.0.1", upstream.port(), "/base"));
        root.putChild("dead", new ReverseProxyResource("127.0.0.1", deadPort, ""));
        root.putChild("scripts", FileResource.builder(scripts).processor(ResourceScripts.EXTENSION,
                compiler.processor()).build());
        NameVirtualHost hosts = new NameVirtualHost();
        hosts.addHost("Poems.Example", page("poems"));
        hosts.addHost("leaf.example", leaf());
        root.putChild("vhost", hosts);
        NameVirtualHost withDefault = new NameVirtualHost();
        withDefault.setDefault(page("default"));
        root.putChild("vhostdefault", withDefault);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).displayTracebacks(true).accessLog(null).build()))
                .build().start();
    }

    static Resource page(String name) {
        Resource page = new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return name + " root";
            }
        };
        page.putChild("child", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return name + " child";
            }
        });
        return page;
    }

    static Resource leaf() {
        return new Resource() {
            @Override
            public boolean isLeaf() {
                return true;
            }

            @Override
            protected Object renderGet(Request request) {
                return "leaf postpath " + request.postpath();
            }
        };
    }

    @AfterAll
    static void stop() {
        server.stop();
        upstream.stop();
        handlers.shutdownNow();
    }

    static RawHttp.Response send(String raw) throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(raw);
            return http.read(false);
        }
    }

    static RawHttp.Response get(String path, String host) throws Exception {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    @Test
    void aHostedHttpHandlerOwnsEverythingBelowItsMount() throws Exception {
        RawHttp.Response r = send("POST /app/deep/path?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody");
        assertEquals(201, r.status());
        assertEquals("yes", r.header("X-App"));
        assertEquals(null, r.header("Content-Type"), "no default Content-Type");
        assertEquals("POST /app/deep/path?q=1 context=/app body=body ", r.body());
    }

    @Test
    void hostedAppFailuresAre500BeforeAndADroppedConnectionAfter() throws Exception {
        RawHttp.Response before = get("/app/boom", "x");
        assertEquals(500, before.status());
        assertEquals("", before.body());
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /app/half HTTP/1.1\r\nHost: x\r\n\r\n");
            try {
                RawHttp.Response truncated = http.read(false);
                assertTrue(truncated.body().startsWith("first"), truncated.body());
            } catch (java.io.IOException | NumberFormatException dropped) {
                // a chunked body cut off mid-way: the connection was dropped, as Twisted's WSGI does
            }
        }
    }

    @Test
    void theProxyForwardsPathQueryBodyAndHeaders() throws Exception {
        RawHttp.Response r = get("/proxy/a%20b/c?x=1", "x");
        assertEquals(200, r.status());
        assertEquals("upstream saw /base/a%20b/c?x=1 xff=127.0.0.1", r.body());
        assertEquals("1", r.header("X-Upstream"));
        RawHttp.Response posted = send("POST /proxy HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        assertEquals("upstream got hello", posted.body());
    }

    @Test
    void aDeadUpstreamIs502() throws Exception {
        RawHttp.Response r = get("/dead", "x");
        assertEquals(502, r.status());
        assertTrue(r.body().contains("Could not connect"), r.body());
    }

    @Test
    void virtualHostsChooseByHostHeader() throws Exception {
        assertEquals("poems root", get("/vhost", "POEMS.example:8080").body());
        assertEquals("poems child", get("/vhost/child", "poems.example").body());
        assertEquals("leaf postpath [a, b]", get("/vhost/a/b", "leaf.example").body());
        RawHttp.Response unknown = get("/vhost", "zzz.example");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("host 'zzz.example' not in vhost map"), unknown.body());
        assertEquals("default child", get("/vhostdefault/child", "anything").body());
    }

    @Test
    void resourceScriptsCompileCacheAndReload() throws Exception {
        assertEquals("visit 1", get("/scripts/counter.rpy.java", "x").body());
        assertEquals("visit 2", get("/scripts/counter.rpy.java", "x").body(), "cache() keeps the resource");
        assertEquals("visit 1", get("/scripts/fresh.rpy.java", "x").body());
        assertEquals("visit 1", get("/scripts/fresh.rpy.java", "x").body(), "a fresh resource per request");
        Path counter = dir.resolve("scripts/counter.rpy.java");
        Files.writeString(counter, Files.readString(counter).replace("\"visit \"", "\"reloaded \""));
        Files.setLastModifiedTime(counter, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("reloaded 1", get("/scripts/counter.rpy.java", "x").body());
        RawHttp.Response broken = get("/scripts/broken.rpy.java", "x");
        assertEquals(500, broken.status());
        assertTrue(broken.body().contains("cannot find symbol"), broken.body());
        assertTrue(broken.body().contains("line 2"), broken.body());
    }
}
