package dev.braid.tcp.poetry;

import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.service.Application;
import dev.braid.deferred.service.MultiService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs the poetry programs by hand, before (or without) the {@code braid}
 * launcher: {@code bin/poetry COMMAND [options]}.
 *
 * <pre>
 * bin/poetry fastpoetry --port 10000 --poem etc/poetry/ecstasy.txt
 * bin/poetry slowpoetry --port 10001 --num-bytes 30 --delay 0.1
 * bin/poetry transform --port 11000 --line-port 11001
 * bin/poetry proxy --port 10002 --server 127.0.0.1:10000
 * bin/poetry get 10000 10001 [--xform 11000 NAME]
 * </pre>
 */
public final class PoetryMain {
    private PoetryMain() {
    }

    /**
     * Runs a command; exits non-zero with a message on bad arguments or failed downloads.
     *
     * @param args the command and its options
     */
    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("poetry: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static final String USAGE = """
            usage: poetry fastpoetry|slowpoetry [--port N] [--iface H] [--poem FILE] [--num-bytes N] [--delay S]
                   poetry transform [--port N] [--line-port N] [--iface H]
                   poetry proxy [--port N] [--iface H] --server HOST:PORT
                   poetry get HOST:PORT... [--timeout S] [--xform HOST:PORT NAME]""";

    static int run(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        String command = args[0];
        List<String> positional = new ArrayList<>();
        Map<String, String> options = parse(args, positional);
        return switch (command) {
            case "fastpoetry", "slowpoetry", "transform", "proxy" -> serve(command, options);
            case "get" -> get(positional, options);
            default -> throw new IllegalArgumentException("unknown command " + command);
        };
    }

    private static Map<String, String> parse(String[] args, List<String> positional) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                int arity = name.equals("xform") ? 2 : 1;
                if (i + arity >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs " + (arity == 2 ? "two values" : "a value"));
                }
                options.put(name, arity == 2 ? args[i + 1] + " " + args[i + 2] : args[i + 1]);
                i += arity;
            } else {
                positional.add(args[i]);
            }
        }
        return options;
    }

    private static int serve(String command, Map<String, String> options) {
        int port = intOption(options, "port", command.equals("transform") ? 11000 : 10000);
        String iface = options.getOrDefault("iface", "127.0.0.1");
        Path poem = Path.of(options.getOrDefault("poem", "etc/poetry/ecstasy.txt"));
        if (!command.equals("transform") && !command.equals("proxy") && !Files.isReadable(poem)) {
            throw new IllegalArgumentException("cannot read the poem " + poem);
        }
        EventLoop loop = EventLoop.create(command);
        MultiService tree = switch (command) {
            case "fastpoetry" -> PoetryServices.fastPoetry(port, iface, poem);
            case "slowpoetry" -> PoetryServices.slowPoetry(port, iface, poem, new SlowPoetry.Pace(
                    intOption(options, "num-bytes", 10), Double.parseDouble(options.getOrDefault("delay", "0.1"))));
            case "transform" -> PoetryServices.transform(port, intOption(options, "line-port", -1), iface);
            default -> {
                MultiPoetryClient.Server upstream = MultiPoetryClient.Server.parse(required(options, "server"));
                yield PoetryServices.poetryProxy(port, iface, upstream.host(), upstream.port(),
                        PoetryProxyService.TWO_HOURS, loop);
            }
        };
        Application app = Application.create(command);
        tree.setServiceParent(app.services());
        loop.callWhenRunning(() -> {
            app.startOn(loop);
            System.out.println(command + " serving on " + iface + ":" + port);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (loop.isRunning()) {
                loop.stop();
            }
        }));
        loop.run();
        return 0;
    }

    private static int get(List<String> addresses, Map<String, String> options) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("give at least one HOST:PORT");
        }
        List<MultiPoetryClient.Server> servers = addresses.stream().map(MultiPoetryClient.Server::parse).toList();
        double timeout = Double.parseDouble(options.getOrDefault("timeout", "30"));
        String xform = options.get("xform");
        List<MultiPoetryClient.Outcome> outcomes = EventLoop.react(loop -> {
            var poems = MultiPoetryClient.getPoems(servers, timeout, UnaryOperator.identity(), outcome ->
                    System.err.println(outcome.succeeded()
                            ? "Task: got " + outcome.bytes() + " bytes of poetry from " + outcome.server()
                            : "Task: failed to download poem from " + outcome.server() + ": "
                            + outcome.failure().getErrorMessage()));
            if (xform == null) {
                return poems;
            }
            String[] parts = xform.split(" ");
            MultiPoetryClient.Server server = MultiPoetryClient.Server.parse(parts[0]);
            TransformProxy proxy = new TransformProxy(server.host(), server.port());
            return poems.addCallbackDeferred(list -> Deferreds.gatherResults(list.stream().map(o -> o.succeeded()
                    ? proxy.xform(parts[1], o.poem()).addErrback(f -> o.poem())   // client 6.0: keep the original
                            .addCallback(p -> new MultiPoetryClient.Outcome(o.server(), p, o.bytes(), null))
                    : Deferreds.succeed(o)).toList()));
        });
        boolean allOk = true;
        for (MultiPoetryClient.Outcome outcome : outcomes) {
            if (outcome.succeeded()) {
                System.out.println(outcome.poem());
            } else {
                allOk = false;
            }
        }
        return allOk ? 0 : 1;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
