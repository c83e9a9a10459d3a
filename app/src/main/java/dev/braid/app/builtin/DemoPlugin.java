package dev.braid.app.builtin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.ValueType;
import dev.braid.app.plugin.ServiceMaker;
import dev.braid.app.web.WebServerService;
import dev.braid.deferred.service.MultiService;
import dev.braid.deferred.service.Service;
import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.http.HttpRouting;

import java.util.function.UnaryOperator;

/**
 * {@code braid demo}: every seed example at once — the web pages of the demo
 * site (http://127.0.0.1:8080/ by default) and the poetry services on their
 * own ports. {@code make demo} runs {@code braid -n demo}.
 *
 * <pre>{@code
 * braid -n demo                                  # http://127.0.0.1:8080/
 * braid -n demo --listen tcp:9090 --delay 1      # another port, shorter delays
 * }</pre>
 */
public final class DemoPlugin implements ServiceMaker {
    private static final OptionSpec OPTIONS = OptionSpec.builder("demo")
            .list("listen", (char) 0, "tcp:8080:interface=127.0.0.1", "An endpoint for the web pages.",
                    Endpoints.DESCRIPTION)
            .param("delay", (char) 0, "5", "Seconds the delayed pages take (/delayed, /callLater, /interrupted).",
                    ValueType.NON_NEGATIVE_NUMBER)
            .description("Serves every seed example: the web demo site and the poetry services.")
            .build();

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String description() {
        return "Every seed example: the web demo pages and the poetry services.";
    }

    @Override
    public OptionSpec options() {
        return OPTIONS;
    }

    @Override
    public Service makeService(ParsedOptions options) {
        MultiService demo = new MultiService("demo");
        HttpRouting.Builder routing = HttpRouting.builder();
        DemoSite.register(routing, new DemoSite.Options(options.number("delay")), UnaryOperator.identity());
        WebServerService web = new WebServerService(Endpoints.parseAll(options, "listen"), routing, "Site");
        web.setName("web");
        web.setServiceParent(demo);
        return demo;
    }
}
