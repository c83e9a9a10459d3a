package dev.braid.app.builtin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.service.Service;
import dev.braid.tcp.poetry.MultiPoetryClient;
import dev.braid.tcp.poetry.PoetryProxyService;
import dev.braid.tcp.poetry.PoetryServices;
import dev.braid.tcp.poetry.SlowPoetry;
import dev.braid.tcp.poetry.TransformService;

import java.nio.file.Path;

/**
 * The poetry servers of the Twisted tutorial as {@code braid} plugins; the
 * services themselves are tcp-services' {@link PoetryServices}. Each logs
 * {@code NAME starting on PORT} once bound.
 *
 * <pre>{@code
 * braid -n fastpoetry --port 10000 --poem poems/ecstasy.txt
 * braid -n slowpoetry --port 10001 --num-bytes 30 --delay 0.1
 * braid -n transform --port 11000 --line-port 11001
 * braid -n poetry-proxy --port 10002 --server 127.0.0.1:10000
 * }</pre>
 */
public final class PoetryPlugins {
    private PoetryPlugins() {
    }

    private static OptionSpec.Builder listening(String name, int port) {
        return OptionSpec.builder(name)
                .param("port", 'p', Integer.toString(port), "The port to listen on; 0 for any free port.", ValueType.PORT)
                .param("iface", (char) 0, "127.0.0.1", "The interface to listen on; empty for every interface.");
    }

    private static String iface(ParsedOptions options) {
        String iface = options.string("iface").strip();
        return iface.isEmpty() ? null : iface;
    }

    /** {@code braid fastpoetry}: the whole poem to each client, then close. */
    public static final class Fast extends BuiltinPlugin {
        private static final OptionSpec OPTIONS = listening("fastpoetry", 10000)
                .param("poem", (char) 0, null, Poems.help())
                .description("Serves a poem to every client as fast as it can, then closes the connection.")
                .build();

        /** Creates the plugin. */
        public Fast() {
            super("fastpoetry", "The fast poetry server: each client gets the whole poem at once.", OPTIONS);
        }

        @Override
        public Service makeService(ParsedOptions options) throws UsageError {
            Path poem = Poems.poem(options);
            return new LoggedPorts(name(), () -> PoetryServices.fastPoetry(options.integer("port"), iface(options), poem));
        }
    }

    /** {@code braid slowpoetry}: the poem a few bytes at a time. */
    public static final class Slow extends BuiltinPlugin {
        private static final OptionSpec OPTIONS = listening("slowpoetry", 10001)
                .param("poem", (char) 0, null, Poems.help())
                .param("num-bytes", 'n', Integer.toString(SlowPoetry.Pace.TUTORIAL.numBytes()),
                        "Bytes to send at a time.", ValueType.POSITIVE_INTEGER)
                .param("delay", 'd', Double.toString(SlowPoetry.Pace.TUTORIAL.delaySeconds()),
                        "Seconds between writes.", ValueType.NON_NEGATIVE_NUMBER)
                .description("Serves a poem slowly, a few bytes at a time, to show many clients served at once.")
                .build();

        /** Creates the plugin. */
        public Slow() {
            super("slowpoetry", "The slow poetry server: the poem a few bytes at a time.", OPTIONS);
        }

        @Override
        public Service makeService(ParsedOptions options) throws UsageError {
            SlowPoetry.Pace pace = new SlowPoetry.Pace(options.integer("num-bytes"), options.number("delay"));
            Path poem = Poems.poem(options);
            return new LoggedPorts(name(), () -> PoetryServices.slowPoetry(options.integer("port"), iface(options), poem, pace));
        }
    }

    /** {@code braid transform}: the transform server, netstrings and optionally lines. */
    public static final class Transform extends BuiltinPlugin {
        private static final OptionSpec OPTIONS = listening("transform", 11000)
                .param("line-port", (char) 0, null,
                        "Also offer the transforms as a line protocol on this port (0 for any).", ValueType.PORT)
                .param("idle-timeout", (char) 0, Double.toString(PoetryServices.TRANSFORM_IDLE_TIMEOUT),
                        "Seconds a client may send nothing (half a request included) before it is disconnected.",
                        ValueType.NON_NEGATIVE_NUMBER)
                .description("Transforms poems: send the netstring <xform>.<poem> (xform: "
                        + String.join(", ", new TransformService().names())
                        + ") and get the transformed poem back.")
                .build();

        /** Creates the plugin. */
        public Transform() {
            super("transform", "The poetry transform server (netstrings, and lines on a second port).", OPTIONS);
        }

        @Override
        public Service makeService(ParsedOptions options) throws UsageError {
            int linePort = options.value("line-port").map(p -> Integer.parseInt(p.strip())).orElse(-1);
            double idle = options.number("idle-timeout");
            if (idle <= 0) {
                throw new UsageError("--idle-timeout must be more than 0 seconds");
            }
            return new LoggedPorts(name(), () -> PoetryServices.transform(options.integer("port"), linePort,
                    iface(options), idle));
        }
    }

    /** {@code braid poetry-proxy}: the caching proxy in front of a poetry server. */
    public static final class Proxy extends BuiltinPlugin {
        private static final OptionSpec OPTIONS = listening("poetry-proxy", 10002)
                .param("server", 's', null, "The poetry server to fetch from, HOST:PORT (required).",
                        value -> MultiPoetryClient.Server.parse(value))
                .param("max-age", (char) 0, Double.toString(PoetryProxyService.TWO_HOURS),
                        "Seconds a fetched poem is served from the cache.", ValueType.NON_NEGATIVE_NUMBER)
                .param("max-poem-size", (char) 0, Long.toString(PoetryProxyService.DEFAULT_MAX_POEM_BYTES),
                        "The longest poem fetched and cached, in bytes; a longer one is cut off and not cached.",
                        ValueType.POSITIVE_INTEGER)
                .description("Fetches the poem from --server once, then serves it from its cache until it expires.")
                .build();

        /** Creates the plugin. */
        public Proxy() {
            super("poetry-proxy", "The caching poetry proxy: one upstream fetch, then the cached poem.", OPTIONS);
        }

        @Override
        public Service makeService(ParsedOptions options) throws UsageError {
            if (options.value("server").isEmpty()) {
                throw new UsageError("--server HOST:PORT is required");
            }
            MultiPoetryClient.Server upstream = MultiPoetryClient.Server.parse(options.string("server"));
            return new LoggedPorts(name(), () -> PoetryServices.poetryProxy(options.integer("port"), iface(options),
                    upstream.host(), upstream.port(), options.number("max-age"), loop(),
                    Long.parseLong(options.string("max-poem-size").strip())));
        }
    }

    /** The loop the services start on: the cache's clock. */
    static EventLoop loop() {
        return EventLoop.current().orElseThrow(() -> new IllegalStateException("start poetry services on an EventLoop"));
    }
}
