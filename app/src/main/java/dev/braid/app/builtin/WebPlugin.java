package dev.braid.app.builtin;

import dev.braid.app.endpoint.ServerEndpoint;
import dev.braid.app.logging.LogFile;
import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;
import dev.braid.app.web.SimpleDirectory;
import dev.braid.app.web.WebServerService;
import dev.braid.deferred.service.Service;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code braid web}: a web server (twistd's {@code web} plugin). It serves a
 * directory ({@code --path}), a {@link Resource} class with a no-argument
 * constructor ({@code --class}), or, given neither, the web demo — as twistd
 * serves its demo — on every {@code --listen} endpoint (default
 * {@code tcp:8080}).
 *
 * <pre>{@code
 * braid -n web --path public_html --listen tcp:8080:interface=127.0.0.1
 * braid -n web --class com.example.Root --listen tcp:8080 --listen ssl:8443:privateKey=server.pem
 * }</pre>
 */
public final class WebPlugin extends BuiltinPlugin {
    private static final OptionSpec OPTIONS = OptionSpec.builder("web")
            .list("listen", (char) 0, "tcp:8080", "An endpoint description of a port to listen on.", Endpoints.DESCRIPTION)
            .param("port", 'p', null, "A port number or endpoint description, added to --listen (twistd's older form).",
                    Endpoints.PORT_OR_DESCRIPTION)
            .param("path", (char) 0, null, "A directory (or file) to serve as the root of the web server.")
            .param("class", (char) 0, null, "A Resource subclass with a no-argument constructor, to serve as the root.")
            .flag("display-tracebacks", (char) 0,
                    "Show uncaught exceptions during rendering tracebacks to the client. WARNING: This may be a security risk"
                            + " and expose private data!")
            .param("logfile", 'l', null, "Path to web CLF (Combined Log Format) log file, rotated at 1 MB; "
                    + "by default access lines go to braid's log.")
            .param("request-timeout", (char) 0, null, "Answer 503 to requests still open after this many seconds.",
                    ValueType.NON_NEGATIVE_NUMBER)
            .description("""
                    This starts a webserver. If you specify no --path or --class, it serves Braid's web demo, as \
                    twistd web serves its own.""")
            .build();

    /** Creates the plugin. */
    public WebPlugin() {
        super("web", "A general-purpose web server which can serve from a filesystem or application resource.", OPTIONS);
    }

    @Override
    public Service makeService(ParsedOptions options) throws Exception {
        if (options.given("path") && options.given("class")) {
            throw new UsageError("give --path or --class, not both");
        }
        List<ServerEndpoint> endpoints = new ArrayList<>();
        if (options.given("listen") || !options.given("port")) {
            endpoints.addAll(Endpoints.parseAll(options, "listen"));
        }
        if (options.given("port")) {
            endpoints.addAll(Endpoints.parseAll(options, "port"));
        }
        UnaryOperator<Site.Builder> settings = settings(options);
        HttpRouting.Builder routing = HttpRouting.builder();
        if (options.given("path")) {
            Path path = options.path("path");
            if (!Files.exists(path)) {
                throw new UsageError("--path: no such file or directory: " + path);
            }
            routing.register("/", settings.apply(Site.builder(new SimpleDirectory(path))).build());
        } else if (options.given("class")) {
            routing.register("/", settings.apply(Site.builder(instantiate(options.string("class")))).build());
        } else {
            DemoSite.register(routing, DemoSite.Options.TUTORIAL, settings);
        }
        return new WebServerService(endpoints, routing, "Site");
    }

    private static UnaryOperator<Site.Builder> settings(ParsedOptions options) throws IOException {
        boolean tracebacks = options.flag("display-tracebacks");
        Duration timeout = options.value("request-timeout")
                .map(seconds -> Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000))).orElse(null);
        LogFile accessLog = options.given("logfile") ? accessLog(options.path("logfile")) : null;
        return builder -> {
            Site.Builder configured = builder.displayTracebacks(tracebacks);
            if (timeout != null) {
                configured = configured.requestTimeout(timeout);
            }
            if (accessLog != null) {
                configured = configured.accessLog(line -> accessLog.publish(new LogRecord(Level.INFO, line)));
            }
            return configured;
        };
    }

    /** An access log file: one combined-format line per request, rotated like braid.log. */
    private static LogFile accessLog(Path path) throws IOException {
        LogFile file = LogFile.builder(path).build();
        file.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getMessage() + "\n";
            }
        });
        return file;
    }

    private static Resource instantiate(String className) throws UsageError {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Resource.class.isAssignableFrom(type)) {
                throw new UsageError("--class: " + className + " is not a " + Resource.class.getName());
            }
            return (Resource) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new UsageError("--class: no class " + className + " on the class path");
        } catch (NoSuchMethodException e) {
            throw new UsageError("--class: " + className + " has no public no-argument constructor");
        } catch (ReflectiveOperationException e) {
            throw new UsageError("--class: cannot create " + className + ": " + e.getCause());
        }
    }
}
