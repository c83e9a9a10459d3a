package dev.braid.app.client;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.ValueType;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.tcp.poetry.MultiPoetryClient;
import dev.braid.tcp.poetry.TransformProxy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code braid client get-poetry HOST:PORT...} (also {@code braid-get-poetry}):
 * the tutorial's multi-server poetry client. Every poem is downloaded at
 * once; each download's outcome is reported on standard error as it happens
 * ({@code Task 1: got 3003 bytes of poetry from 127.0.0.1:10000}, or
 * {@code Task 2: failed to download poem from 127.0.0.1:10001: ...}); the poems
 * then go to standard output in the order the servers were given. The exit
 * status is 1 when any download failed.
 *
 * <p>With {@code --xform NAME}, each poem goes through the transform server
 * ({@code --transform-server}) first, as client 6.0 does: when the transform
 * fails, the original poem is kept and the failure reported.
 */
public final class GetPoetry {
    /** The client's name after {@code braid client}. */
    public static final String NAME = "get-poetry";

    static final OptionSpec OPTIONS = OptionSpec.builder(NAME)
            .param("timeout", 't', "30", "Seconds each download may take.", ValueType.NON_NEGATIVE_NUMBER)
            .param("xform", (char) 0, null, "Transform each poem with this transform (cummingsify, ...).")
            .param("transform-server", (char) 0, "127.0.0.1:11000", "The transform server, HOST:PORT.",
                    value -> MultiPoetryClient.Server.parse(value))
            .arguments("HOST:PORT...", 1, Integer.MAX_VALUE)
            .interspersed()
            .description("Downloads poems from poetry servers, all at once. A bare PORT means 127.0.0.1:PORT.")
            .build();

    private final PrintStream out;
    private final PrintStream err;

    /**
     * Creates the client.
     *
     * @param out where the poems go
     * @param err where progress and failures go
     */
    public GetPoetry(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Returns the client's options.
     *
     * @return the spec
     */
    public static OptionSpec options() {
        return OPTIONS;
    }

    /**
     * Downloads the poems.
     *
     * @param options the parsed command line
     * @return 0 when every poem arrived, 1 otherwise
     * @throws IllegalArgumentException for a malformed server address
     */
    public int run(ParsedOptions options) {
        List<MultiPoetryClient.Server> servers = new ArrayList<>();
        for (String address : options.arguments()) {
            servers.add(MultiPoetryClient.Server.parse(address));
        }
        double timeout = options.number("timeout");
        List<MultiPoetryClient.Outcome> outcomes = EventLoop.react(loop -> download(servers, timeout, options));
        boolean allArrived = true;
        for (MultiPoetryClient.Outcome outcome : outcomes) {
            if (outcome.succeeded()) {
                out.println(outcome.poem());
            } else {
                allArrived = false;
            }
        }
        out.flush();
        return allArrived ? 0 : 1;
    }

    private Deferred<List<MultiPoetryClient.Outcome>> download(List<MultiPoetryClient.Server> servers, double timeout,
                                                              ParsedOptions options) {
        Deferred<List<MultiPoetryClient.Outcome>> poems = MultiPoetryClient.getPoems(servers, timeout,
                UnaryOperator.identity(), outcome -> {
                    int task = servers.indexOf(outcome.server()) + 1;
                    err.println(outcome.succeeded()
                            ? "Task " + task + ": got " + outcome.bytes() + " bytes of poetry from " + outcome.server()
                            : "Task " + task + ": failed to download poem from " + outcome.server() + ": "
                                    + outcome.failure().getErrorMessage());
                });
        if (options.value("xform").isEmpty()) {
            return poems;
        }
        String xform = options.string("xform");
        MultiPoetryClient.Server transformer = MultiPoetryClient.Server.parse(options.string("transform-server"));
        TransformProxy proxy = new TransformProxy(transformer.host(), transformer.port());
        return poems.addCallbackDeferred(list -> Deferreds.gatherResults(list.stream()
                .map(outcome -> outcome.succeeded() ? transform(proxy, xform, outcome) : Deferreds.succeed(outcome))
                .toList()));
    }

    /** Client 6.0: a poem whose transform fails is kept as it was. */
    private Deferred<MultiPoetryClient.Outcome> transform(TransformProxy proxy, String xform,
                                                          MultiPoetryClient.Outcome outcome) {
        return proxy.xform(xform, outcome.poem())
                .addErrback(failure -> {
                    err.println("Cannot " + xform + " the poem from " + outcome.server() + ": "
                            + failure.getErrorMessage() + "; keeping it as it is");
                    return outcome.poem();
                })
                .addCallback(poem -> new MultiPoetryClient.Outcome(outcome.server(), poem, outcome.bytes(), null));
    }
}
