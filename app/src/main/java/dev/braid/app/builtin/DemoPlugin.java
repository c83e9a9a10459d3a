package dev.braid.app.builtin;

import dev.braid.app.endpoint.ServerEndpoint;
import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;
import dev.braid.app.web.WebServerService;
import dev.braid.deferred.service.MultiService;
import dev.braid.deferred.service.Service;
import dev.braid.web.examples.DemoSite;
import dev.braid.web.health.HealthCheck;
import dev.braid.tcp.poetry.PoetryProxyService;
import dev.braid.tcp.poetry.PoetryServices;
import dev.braid.tcp.poetry.SlowPoetry;
import io.helidon.webserver.http.HttpRouting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * {@code braid demo}: every seed example at once — the web pages of the demo
 * site (http://127.0.0.1:8080/ by default) and the poetry services on their
 * own ports: fast poetry on 10000, slow poetry on 10001, the caching proxy
 * (in front of the fast server) on 10002, and the transform server on 10003
 * (netstrings) and 10004 (lines). {@code make demo} runs {@code braid -n demo}.
 * The web server answers load balancers' probes on {@code /healthz}
 * ({@code --health}, empty for none).
 *
 * <pre>{@code
 * braid -n demo                                  # http://127.0.0.1:8080/
 * braid -n demo --listen tcp:9090 --delay 1      # another port, shorter delays
 * }</pre>
 */
public final class DemoPlugin extends BuiltinPlugin {
    private static final OptionSpec OPTIONS = WebLimits.options(SessionOptions.add(ServingOptions.add(
            OptionSpec.builder("demo"), HealthCheck.DEFAULT_PATH))
            .list("listen", (char) 0, "tcp:8080:interface=127.0.0.1", "An endpoint for the web pages.",
                    Endpoints.DESCRIPTION)
            .param("delay", (char) 0, "5", "Seconds the delayed pages take (/delayed, /callLater, /interrupted).",
                    ValueType.NON_NEGATIVE_NUMBER)
            .param("poetry-port", (char) 0, "10000", "The first poetry port: fast poetry there, slow poetry, the "
                    + "caching proxy and the transform server (netstrings, then lines) on the next ones; 0 for any "
                    + "free ports.", ValueType.PORT)
            .param("iface", (char) 0, "127.0.0.1", "The interface of the poetry services.")
            .param("poem", (char) 0, null, Poems.help())
            .param("etc", (char) 0, null, "The folder with the demo's files (public_html, htpasswd, cgi-bin, users). "
                    + "[default: the binary's etc/, else ./etc]"))
            .description("Serves every seed example: the web demo site and the poetry services.")
            .build();

    /** Creates the plugin. */
    public DemoPlugin() {
        super("demo", "Every seed example: the web demo pages and the poetry services.", OPTIONS);
    }

    @Override
    public Service makeService(ParsedOptions options) throws UsageError {
        MultiService demo = new MultiService("demo");
        HttpRouting.Builder routing = HttpRouting.builder();
        List<ServerEndpoint> listen = Endpoints.parseAll(options, "listen");
        DemoSite.Options pages = new DemoSite.Options(options.number("delay"), etc(options).orElse(null), selfPort(listen));
        ServingOptions.health(options, routing);
        SessionOptions.Sessions sessions = SessionOptions.parse(options);
        DemoSite.register(routing, pages, sessions.settings());
        WebServerService web = new WebServerService(listen, routing, "Site", ServingOptions.grace(options),
                WebLimits.parse(options));
        web.setName("web");
        sessions.around("web", web).setServiceParent(demo);

        Path poem = Poems.poem(options);
        String iface = options.string("iface").isBlank() ? null : options.string("iface").strip();
        int base = options.integer("poetry-port");
        IntUnaryOperator port = offset -> base == 0 ? 0 : base + offset;
        if (base != 0 && base + 4 > 65535) {
            throw new UsageError("--poetry-port: " + base + " leaves no room for the five poetry ports");
        }
        LoggedPorts fast = new LoggedPorts("fastpoetry", () -> PoetryServices.fastPoetry(port.applyAsInt(0), iface, poem));
        fast.setServiceParent(demo);
        new LoggedPorts("slowpoetry", () -> PoetryServices.slowPoetry(port.applyAsInt(1), iface, poem,
                SlowPoetry.Pace.TUTORIAL)).setServiceParent(demo);
        // The proxy is made once the fast poetry server is bound, so it knows that server's port.
        new LoggedPorts("poetry-proxy", () -> PoetryServices.poetryProxy(port.applyAsInt(2), iface,
                iface == null ? "127.0.0.1" : iface, fast.ports().getFirst(), PoetryProxyService.TWO_HOURS,
                PoetryPlugins.loop())).setServiceParent(demo);
        new LoggedPorts("transform", () -> PoetryServices.transform(port.applyAsInt(3), port.applyAsInt(4), iface))
                .setServiceParent(demo);
        return demo;
    }

    /** The demo's files: {@code --etc}, else the binary's {@code etc/}, else {@code ./etc}. */
    private static Optional<Path> etc(ParsedOptions options) throws UsageError {
        if (options.given("etc")) {
            Path etc = options.path("etc");
            if (!Files.isDirectory(etc)) {
                throw new UsageError("--etc: no such directory: " + etc);
            }
            return Optional.of(etc);
        }
        String home = System.getProperty(Poems.HOME_PROPERTY);
        for (Path candidate : home == null ? List.of(options.resolve("etc"))
                : List.of(Path.of(home, "etc"), options.resolve("etc"))) {
            if (Files.isDirectory(candidate.resolve("public_html"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The port the demo's reverse-proxy example calls back: the first fixed TCP port, else 8080. */
    private static int selfPort(List<ServerEndpoint> listen) {
        for (ServerEndpoint endpoint : listen) {
            if (endpoint instanceof ServerEndpoint.Tcp tcp && tcp.port() != 0) {
                return tcp.port();
            }
        }
        return 8080;
    }
}
