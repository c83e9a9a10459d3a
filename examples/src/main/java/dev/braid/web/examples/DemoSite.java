package dev.braid.web.examples;

import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.simulator.SimulatorResource;
import dev.braid.web.Site;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every seed example of the web layer, as one routing: the session counter
 * page Braid is benchmarked against Twisted with, and the "Twisted Web in 60
 * seconds" examples. The {@code braid demo} plugin and {@code make demo} serve it.
 */
public final class DemoSite {
    private DemoSite() {
    }

    /**
     * Settings of the demo pages.
     *
     * @param delaySeconds the asynchronous pages' delay (5 in the tutorial; tests and benchmarks shorten it)
     * @param etc the folder with public_html, htpasswd, cgi-bin and users for the extras, or null for none
     * @param port the port the demo listens on, for its reverse-proxy example
     */
    public record Options(double delaySeconds, Path etc, int port) {
        /** The tutorial's values: 5 seconds, ./etc if present, port 8080. */
        public static final Options TUTORIAL = new Options(5);

        /**
         * Options with a delay, {@code ./etc} when it exists, and port 8080.
         *
         * @param delaySeconds the delay
         */
        public Options(double delaySeconds) {
            this(delaySeconds, Files.isDirectory(Path.of("etc")) ? Path.of("etc") : null, 8080);
        }
    }

    /**
     * Builds the main site's tree.
     *
     * @param options the delays
     * @return the root resource
     */
    public static Resource root(Options options) {
        Resource root = new Resource();
        root.putChild("", new Index());
        EchoResource echo = new EchoResource(EchoResource.Errback.PROCESSING_FAILED);
        echo.putChild("blocking", new BlockingEchoResource());
        echo.putChild("threaded", EchoResource.threaded());
        echo.putChild("original", new EchoResource(EchoResource.Errback.RETURN_FAILURE));
        root.putChild("echo", echo);
        root.putChild("flow", FlowExamples.randomNumbers(0.05));
        root.putChild("simulator", new SimulatorResource());
        root.putChild("db", DatabaseExamples.poemsPage());
        root.putChild("hello", new HelloResource());
        root.putChild("session", new SessionExamples.ShowSession());
        root.putChild("counter", new SessionExamples.CounterResource());
        root.putChild("delayed", new AsyncExamples.DelayedResource(options.delaySeconds()));
        root.putChild("callLater", new AsyncExamples.CallLaterResource(options.delaySeconds()));
        root.putChild("interrupted", new AsyncExamples.InterruptedResource(options.delaySeconds()));
        if (options.etc() != null) {
            ExtrasSite.mount(root, options.etc(), options.port());
        }
        return root;
    }

    /**
     * Adds the demo to a Helidon routing: the main site at "/", and
     * {@code /logme} as its own site with 5-second sessions.
     *
     * @param routing the routing to add to
     * @param options the delays
     * @param configure changes to both sites' settings (tracebacks are on)
     * @return the main site
     */
    public static Site register(HttpRouting.Builder routing, Options options,
                                java.util.function.UnaryOperator<Site.Builder> configure) {
        Resource logRoot = new Resource();
        logRoot.putChild("", new SessionExamples.ExpirationLogger());
        Site logme = configure.apply(Site.builder(logRoot).displayTracebacks(true).mountPath("/logme")
                .sessionFactory(SessionExamples.shortSessions())).build();
        Site main = configure.apply(Site.builder(root(options)).displayTracebacks(true)).build();
        routing.register("/logme", logme);
        routing.register("/", main);
        return main;
    }

    /** {@code /hello}: a plain synchronous page. */
    public static final class HelloResource extends Resource {
        @Override
        protected Object renderGet(Request request) {
            return "hello";
        }
    }

    /** {@code /}: links to every example. */
    static final class Index extends Resource {
        @Override
        protected Object renderGet(Request request) {
            return PAGE.replace("<!-- tracebacks -->", request.site().displayTracebacks() ? TRACEBACKS_ON : "");
        }

        private static final String TRACEBACKS_ON = """
                <p><strong>Tracebacks are on:</strong> errors below show their Java traceback, with source
                paths, to anyone who visits. That is for learning; a production site keeps
                <code>displayTracebacks</code> off (the default of <code>Site</code> and of <code>braid web</code>).</p>
                """;

        private static final String PAGE = """
                    <!DOCTYPE html>
                    <html><head><meta charset="utf-8"><title>Braid demo</title></head><body>
                    <h1>Braid demo</h1>
                    <!-- tracebacks -->
                    <ul>
                    <li><a href="/echo">/echo</a> &mdash; deferToThread, a per-session counter;
                      errors: <a href="/echo?raise=E1">E1</a> <a href="/echo?raise=E2">E2</a>
                      <a href="/echo?raise=E3">E3</a> <a href="/echo?raise=E4">E4</a> <a href="/echo?raise=E5">E5</a></li>
                    <li><a href="/flow?count=20">/flow?count=20</a> &mdash; a cooperative flow streamed
                      into the page, one random number at a time (twisted.flow's FlowResource)</li>
                    <li><a href="/db">/db</a> &mdash; rows of an embedded H2 table through adbapi's
                      <code>runQuery</code> (<a href="/db?poet=John+Donne">?poet=John Donne</a>)</li>
                    <li><a href="/simulator">/simulator</a> &mdash; the Deferred simulator: a callback chain and
                      how it fires, drawn as SVG</li>
                    <li><a href="/echo/blocking">/echo/blocking</a> &mdash; the same work done blocking</li>
                    <li><a href="/echo/threaded">/echo/threaded</a> &mdash; the threaded function wrapped by the
                      <code>InThread.inThread</code> decorator (<a href="/echo/threaded?raise=E1">E1</a>)</li>
                    <li><a href="/echo/original">/echo/original</a> &mdash; the question's errback that returns the failure
                      (<a href="/echo/original?raise=E1">E1</a>, <a href="/echo/original?raise=E2">E2</a>)</li>
                    <li><a href="/hello">/hello</a></li>
                    <li><a href="/counter">/counter</a> &mdash; a session component</li>
                    <li><a href="/session">/session</a> and <a href="/session/expire">/session/expire</a></li>
                    <li><a href="/logme">/logme</a> &mdash; 5-second sessions that log their expiry</li>
                    <li><a href="/delayed">/delayed</a>, <a href="/callLater">/callLater</a>,
                      <a href="/interrupted">/interrupted</a> &mdash; asynchronous responses</li>
                    <li><a href="/static/">/static/</a> &mdash; static files, ranges, listings, a resource script</li>
                    <li><a href="/private">/private</a> &mdash; Basic and Digest authentication (bob / builder)</li>
                    <li><a href="/users/">/users/</a> &mdash; each user's public_html (alice / wonderland)</li>
                    <li><a href="/cgi-bin/date.sh">/cgi-bin/date.sh</a> &mdash; a CGI script</li>
                    <li><a href="/app/anything">/app/</a> &mdash; a hosted JDK HttpHandler application</li>
                    <li><a href="/proxy/">/proxy/</a> &mdash; a reverse proxy (to /static on this server)</li>
                    <li><a href="/vhost">/vhost</a> &mdash; name-based virtual hosts</li>
                    </ul>
                    </body></html>
                    """;
    }
}
