package dev.braid.app.builtin;

import com.sun.net.httpserver.HttpHandler;
import dev.braid.app.endpoint.ServerEndpoint;
import dev.braid.app.logging.LogFile;
import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;
import dev.braid.app.problems.Problems;
import dev.braid.app.web.WebServerService;
import dev.braid.deferred.service.Service;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.examples.DemoSite;
import dev.braid.web.file.FileResource;
import dev.braid.web.hosting.HttpHandlerResource;
import dev.braid.web.script.ResourceScripts;
import io.helidon.webserver.http.HttpRouting;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code braid web}: a web server (twistd's {@code web} plugin). It serves a
 * directory ({@code --path}, where {@code .rpy.java} resource scripts run, as
 * twistd runs {@code .rpy} files), a {@link Resource} class with a
 * no-argument constructor ({@code --class}), or, given neither, the web demo —
 * as twistd serves its demo — on every {@code --listen} endpoint (default
 * {@code tcp:8080}). {@code --health PATH} adds a probe for load balancers;
 * {@code --shutdown-grace S} is how long requests in flight may finish when
 * the server stops (5 s); {@code --sessions redis://HOST:PORT/DB} keeps the
 * sessions in Redis, shared by every server that names it.
 *
 * <pre>{@code
 * braid -n web --path public_html --listen tcp:8080:interface=127.0.0.1
 * braid -n web --class com.example.Root --listen tcp:8080 --listen ssl:8443:privateKey=server.pem
 * }</pre>
 */
public final class WebPlugin extends BuiltinPlugin {
    private static final OptionSpec OPTIONS = WebLimits.options(SessionOptions.add(ServingOptions.add(
            OptionSpec.builder("web"), null))
            .list("listen", (char) 0, "tcp:8080", "An endpoint description of a port to listen on.", Endpoints.DESCRIPTION)
            .param("port", 'p', null, "A port number or endpoint description, added to --listen (twistd's older form).",
                    Endpoints.PORT_OR_DESCRIPTION)
            .param("path", (char) 0, null, "A directory (or file) to serve as the root of the web server.")
            .list("index", 'i', null, "The name of a file used to check for directory indexes. [default: index, "
                    + "index.html, index.htm]", ValueType.TEXT)
            .list("ignore-ext", (char) 0, null, "An extension to try when a file is missing ('.html': /a serves a.html).",
                    ValueType.TEXT)
            .param("mime-type", 'm', null, "The content type of files whose extension is unknown. "
                    + "[default: application/octet-stream]")
            .list("processor", (char) 0, null, "'.ext=CLASS': serve files ending in .ext with CLASS: a Resource whose "
                    + "constructor takes the file's Path (such as .cgi=dev.braid.web.cgi.CgiScript), or a "
                    + "Function<Path, Resource> with a no-argument constructor (dev.braid.web.script.ResourceScripts). "
                    + "[default: .rpy.java=dev.braid.web.script.ResourceScripts]",
                    value -> processorParts(value))
            .param("class", (char) 0, null, "A Resource subclass with a no-argument constructor, to serve as the root.")
            .param("handler", (char) 0, null, "A com.sun.net.httpserver.HttpHandler class with a no-argument "
                    + "constructor, hosted at the root (as twistd web --wsgi hosts a WSGI app).")
            .flag("display-tracebacks", (char) 0,
                    "Show uncaught exceptions during rendering tracebacks to the client. WARNING: This may be a security risk"
                            + " and expose private data!")
            .param("logfile", 'l', null, "Path to web CLF (Combined Log Format) log file, rotated at 1 MB; "
                    + "by default access lines go to braid's log.")
            .param("request-timeout", (char) 0, null, "Answer 503 to requests still open after this many seconds.",
                    ValueType.NON_NEGATIVE_NUMBER))
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
        if ((options.given("path") ? 1 : 0) + (options.given("class") ? 1 : 0) + (options.given("handler") ? 1 : 0) > 1) {
            throw new UsageError("give only one of --path, --class and --handler");
        }
        List<ServerEndpoint> endpoints = new ArrayList<>();
        if (options.given("listen") || !options.given("port")) {
            endpoints.addAll(Endpoints.parseAll(options, "listen"));
        }
        if (options.given("port")) {
            endpoints.addAll(Endpoints.parseAll(options, "port"));
        }
        SessionOptions.Sessions sessions = SessionOptions.parse(options);
        UnaryOperator<Site.Builder> own = settings(options);
        UnaryOperator<Site.Builder> settings = builder -> sessions.settings().apply(own.apply(builder));
        HttpRouting.Builder routing = HttpRouting.builder();
        ServingOptions.health(options, routing);
        if (options.given("path")) {
            Path path = options.path("path");
            if (!Files.exists(path)) {
                throw new UsageError("--path: no such file or directory: " + path);
            }
            routing.register("/", settings.apply(Site.builder(files(path, options))).build());
        } else if (options.given("class")) {
            routing.register("/", settings.apply(Site.builder(instantiate(options.string("class")))).build());
        } else if (options.given("handler")) {
            routing.register("/", settings.apply(Site.builder(hosted(options.string("handler")))).build());
        } else {
            DemoSite.register(routing, DemoSite.Options.TUTORIAL, settings);
        }
        return sessions.around("web", new WebServerService(endpoints, routing, "Site", ServingOptions.grace(options),
                WebLimits.parse(options)));
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

    /** The {@code --path} tree: the web module's FileResource with twistd's options. */
    private static FileResource files(Path path, ParsedOptions options) throws UsageError {
        FileResource.Builder files = FileResource.builder(path);
        if (options.given("index")) {
            files.indexNames(options.list("index"));
        }
        if (options.given("ignore-ext")) {
            files.ignoredExts(options.list("ignore-ext").stream().map(ext -> ext.startsWith(".") ? ext : "." + ext).toList());
        }
        options.value("mime-type").ifPresent(files::defaultType);
        Map<String, Function<Path, Resource>> processors = new LinkedHashMap<>();
        processors.put(ResourceScripts.EXTENSION, new ResourceScripts());   // twistd runs .rpy files under --path
        for (String processor : options.list("processor")) {
            String[] parts = processorParts(processor);
            processors.put(parts[0], processor(parts[1]));
        }
        processors.forEach(files::processor);
        return files.build();
    }

    /**
     * A processor class: a Resource made from each file's Path (as CgiScript), or one
     * {@code Function<Path, Resource>} made once (as ResourceScripts, which keeps its compiled scripts).
     */
    @SuppressWarnings("unchecked")
    private static Function<Path, Resource> processor(String className) throws UsageError {
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UsageError("--processor: no class " + className + " on the class path");
        }
        if (Function.class.isAssignableFrom(type)) {
            try {
                return (Function<Path, Resource>) type.getConstructor().newInstance();
            } catch (NoSuchMethodException e) {
                throw new UsageError("--processor: " + className + " has no public no-argument constructor");
            } catch (ReflectiveOperationException e) {
                throw new UsageError("--processor: cannot create " + className + ": " + Problems.describe(e.getCause()));
            }
        }
        Constructor<? extends Resource> constructor;
        try {
            constructor = resourceClass("--processor", className).getConstructor(Path.class);
        } catch (NoSuchMethodException e) {
            throw new UsageError("--processor: " + className + " has no public constructor taking a java.nio.file.Path");
        }
        return file -> {
            try {
                return constructor.newInstance(file);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + className + " for " + file, e);
            }
        };
    }

    /** Splits {@code .ext=CLASS}; a check for the option, so a malformed value is a usage error. */
    private static String[] processorParts(String value) {
        int equals = value.indexOf('=');
        if (equals < 1 || equals == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' is not .ext=CLASS");
        }
        String extension = value.substring(0, equals).strip();
        return new String[] {extension.startsWith(".") ? extension : "." + extension, value.substring(equals + 1).strip()};
    }

    private static Class<? extends Resource> resourceClass(String option, String className) throws UsageError {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            if (!Resource.class.isAssignableFrom(type)) {
                throw new UsageError(option + ": " + className + " is not a " + Resource.class.getName());
            }
            return type.asSubclass(Resource.class);
        } catch (ClassNotFoundException e) {
            throw new UsageError(option + ": no class " + className + " on the class path");
        }
    }

    /** {@code --handler}: a JDK HttpHandler app, hosted at the root on a bounded executor. */
    private static Resource hosted(String className) throws UsageError {
        Object handler;
        try {
            handler = Class.forName(className, true, Thread.currentThread().getContextClassLoader())
                    .getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new UsageError("--handler: no such class: " + className);
        } catch (NoSuchMethodException e) {
            throw new UsageError("--handler: " + className + " has no public no-argument constructor");
        } catch (ReflectiveOperationException e) {
            throw new UsageError("--handler: cannot create " + className + ": " + Problems.describe(e.getCause()));
        }
        if (!(handler instanceof HttpHandler app)) {
            throw new UsageError("--handler: " + className + " is not a " + HttpHandler.class.getName());
        }
        return new HostedRoot(new HttpHandlerResource(HttpHandlerResource.boundedExecutor(10), app));
    }

    /** Puts the whole path under a hosted app: the app is the root, and a leaf. */
    private static final class HostedRoot extends Resource {
        private final Resource app;

        HostedRoot(Resource app) {
            this.app = app;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public Object render(Request request) throws Exception {
            return app.render(request);
        }
    }

    private static Resource instantiate(String className) throws UsageError {
        try {
            return resourceClass("--class", className).getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new UsageError("--class: " + className + " has no public no-argument constructor");
        } catch (ReflectiveOperationException e) {
            throw new UsageError("--class: cannot create " + className + ": " + Problems.describe(e.getCause()));
        }
    }
}
