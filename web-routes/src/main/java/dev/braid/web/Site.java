package dev.braid.web;

import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.ReactorTime;
import dev.braid.deferred.internal.LoopInternals;
import dev.braid.web.disconnect.DisconnectDetector;
import dev.braid.web.disconnect.DisconnectDetectors;
import dev.braid.web.session.InMemorySessionStore;
import dev.braid.web.session.SessionFactory;
import dev.braid.web.session.SessionManager;
import dev.braid.web.session.SessionStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A web site: a {@link Resource} tree served as a Helidon {@link HttpService}
 * (Twisted's {@code server.Site}). Each request becomes a {@link Request}
 * running as its own {@link EventLoop} on Helidon's virtual thread for it.
 *
 * <p>The never-hang rule: a render that throws, a returned Deferred that
 * fails, and any Deferred of the request whose chain ends in a failure nobody
 * handled while the response is still open (noticed as soon as the request's
 * loop has nothing else to do) all become an error page through
 * {@link Request#processingFailed}. A request left open on purpose (long
 * polling) stays open until it is finished, its client goes away, or the
 * optional {@link Builder#requestTimeout request timeout} answers 503.
 *
 * <pre>{@code
 * Site site = Site.builder(root).displayTracebacks(true).sessionTimeout(Duration.ofMinutes(15)).build();
 * WebServer.builder().port(8080).routing(r -> r.register(site)).build().start();
 * }</pre>
 */
public final class Site implements HttpService {
    private static final Logger LOG = Logger.getLogger(Site.class.getName());
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final Resource root;
    private final boolean displayTracebacks;
    private final Duration requestTimeout;
    private final long maxBodyBytes;
    private final BodyBudget bodyBudget;
    private final String defaultContentType;
    private final String mountPath;
    private final Consumer<String> accessLog;
    private final DisconnectDetector disconnects;
    private final SessionManager sessions;
    private final String sessionCookie;
    private final String secureSessionCookie;
    private final ReactorTime clock;
    private final EventLoop ownClock;
    private volatile ScheduledExecutorService timeouts;

    private Site(Builder builder) {
        this.root = builder.root;
        this.displayTracebacks = builder.displayTracebacks;
        this.requestTimeout = builder.requestTimeout;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.bodyBudget = new BodyBudget(builder.maxBufferedBodies);
        this.defaultContentType = builder.defaultContentType;
        this.mountPath = builder.mountPath;
        this.accessLog = builder.accessLog;
        this.disconnects = builder.disconnects;
        if (builder.clock != null) {
            this.clock = builder.clock;
            this.ownClock = null;
        } else {
            this.ownClock = EventLoop.create("site-timers");
            Thread.ofVirtual().name("site-timers").start(ownClock::run);
            this.clock = ownClock;
        }
        this.sessions = new SessionManager(builder.sessionStore, builder.sessionFactory, clock);
        this.sessionCookie = "TWISTED_SESSION" + cookieSuffix();
        this.secureSessionCookie = "TWISTED_SECURE_SESSION" + cookieSuffix();
    }

    /**
     * Starts configuring a site for a resource tree.
     *
     * @param root the root resource, which serves "/"'s children
     * @return a builder
     */
    public static Builder builder(Resource root) {
        return new Builder(root);
    }

    /**
     * Creates a site with the defaults.
     *
     * @param root the root resource
     * @return the site
     */
    public static Site create(Resource root) {
        return builder(root).build();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::handle);
    }

    /**
     * Helidon stops the routing: the request-timeout thread ends (it starts
     * again with the next request that needs it), but sessions and their
     * timers live on, so a server restarted around the same Site — after a
     * listener failure, for instance — keeps its visitors' sessions.
     * {@link #close()} ends everything.
     */
    @Override
    public void afterStop() {
        stopRequestTimeouts();
    }

    /** Stops the site's own timers (session expiry, request timeouts). */
    public void close() {
        if (ownClock != null && ownClock.isRunning()) {
            ownClock.stop();
        }
        stopRequestTimeouts();
    }

    private synchronized void stopRequestTimeouts() {
        ScheduledExecutorService scheduler = timeouts;
        timeouts = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /**
     * Returns whether error pages show the traceback.
     *
     * @return the setting
     */
    public boolean displayTracebacks() {
        return displayTracebacks;
    }

    /**
     * Returns the sessions of this site.
     *
     * @return the session manager
     */
    public SessionManager sessions() {
        return sessions;
    }

    /**
     * Returns the time source driving session expiry.
     *
     * @return the clock
     */
    public ReactorTime clock() {
        return clock;
    }

    /**
     * Returns the request timeout.
     *
     * @return the timeout, or empty for none
     */
    public Optional<Duration> requestTimeout() {
        return Optional.ofNullable(requestTimeout);
    }

    /** "_a_b" for a site mounted at "/a/b": Twisted joins the sitepath into the cookie name. */
    String cookieSuffix() {
        return mountPath.isEmpty() ? "" : mountPath.replace('/', '_');
    }

    /** The session cookie's name: TWISTED_SESSION, or TWISTED_SECURE_SESSION over TLS, with the suffix. */
    String sessionCookieName(boolean secure) {
        return secure ? secureSessionCookie : sessionCookie;
    }

    String defaultContentType() {
        return defaultContentType;
    }

    DisconnectDetector disconnectDetector() {
        return disconnects;
    }

    long maxBodySize() {
        return maxBodyBytes;
    }

    BodyBudget bodyBudget() {
        return bodyBudget;
    }

    // ------------------------------------------------------------------ one request

    private void handle(ServerRequest helidonRequest, ServerResponse helidonResponse) {
        if (helidonRequest.prologue().uriPath().rawPath().equals("*")) {
            optionsStar(helidonRequest, helidonResponse);
            return;
        }
        Request request = new Request(this, helidonRequest, helidonResponse);
        RequestLifecycle lifecycle = request.lifecycle();
        // The lifecycle is the loop's idle and first-wait listener: it answers a silently failed
        // chain when the loop is idle, and watches the client's connection only once the request
        // waits for something (a page rendered at once is sent before a disconnect could matter).
        EventLoop.Builder builder = EventLoop.builder().name("request-" + REQUEST_IDS.incrementAndGet());
        LoopInternals.onIdle(builder, lifecycle);
        LoopInternals.onFirstWait(builder, lifecycle);
        EventLoop loop = builder.build();
        lifecycle.attach(loop);
        loop.callFromThread(() -> process(request));    // the first event: no startup trigger to make
        ScheduledFuture<?> timeout = scheduleTimeout(lifecycle);
        try {
            loop.run();
        } finally {
            lifecycle.stopWatching();
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
        lifecycle.afterLoop();
    }

    private void optionsStar(ServerRequest helidonRequest, ServerResponse helidonResponse) {
        ResponseWriter.stampDate(helidonResponse);
        if (helidonRequest.prologue().method().text().equals("OPTIONS")) {
            helidonResponse.header(HeaderNames.CONTENT_LENGTH, "0").send();
        } else {
            helidonResponse.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "OPTIONS").send();
        }
    }

    private ScheduledFuture<?> scheduleTimeout(RequestLifecycle lifecycle) {
        if (requestTimeout == null) {
            return null;
        }
        return timeoutScheduler().schedule(lifecycle::timeoutExpired, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ScheduledExecutorService timeoutScheduler() {
        ScheduledExecutorService scheduler = timeouts;
        if (scheduler == null) {
            synchronized (this) {
                if (timeouts == null) {
                    timeouts = Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().daemon().name("site-request-timeouts").factory());
                }
                scheduler = timeouts;
            }
        }
        return scheduler;
    }

    /** Checks the declared body length, walks the tree, renders, and hands the result to the request. */
    private void process(Request request) {
        try {
            if (!declaredLengthFits(request)) {
                return;
            }
            Rendering.deliver(request, Rendering.traverseAndRender(root, request));
        } catch (Throwable error) {
            request.processingFailed(Failure.caughtIn(error, Site.class, "process"));
        }
    }

    /**
     * Refuses a body declared longer than the cap before anything is read. The
     * body itself is read only if a resource asks for it ({@link Request#content()}).
     */
    private boolean declaredLengthFits(Request request) {
        Optional<String> length = request.getHeader("Content-Length");
        if (length.isPresent()) {
            long declared;
            try {
                declared = Long.parseLong(length.get().strip());
            } catch (NumberFormatException e) {
                request.setResponseCode(400);
                request.finishWith(ErrorPage.page(400, "Bad Request", "Invalid Content-Length.").getBytes());
                return false;
            }
            if (declared > maxBodyBytes) {
                tooLarge(request);
                return false;
            }
        }
        return true;
    }

    private void tooLarge(Request request) {
        request.setResponseCode(413);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        request.setHeader("Connection", "close");
        request.finishWith(ErrorPage.page(413, "Request Entity Too Large",
                "The body is larger than " + maxBodyBytes + " bytes.").getBytes());
    }

    void accessLog(Request request, long bodyBytes) {
        if (accessLog == null) {
            return;
        }
        String line = AccessLog.combined(request.getClientAddress().getHostString(), System.currentTimeMillis(),
                request.method(), request.uri(), request.clientProto(), request.code(), bodyBytes,
                request.header(HeaderNames.REFERER), request.header(HeaderNames.USER_AGENT));
        try {
            accessLog.accept(line);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "access log failed; the line was: " + line, e);   // kept in the main log
        }
    }

    /** One watcher for every site of the process, created on first use. */
    private static final class DefaultDetector {
        static final DisconnectDetector INSTANCE = DisconnectDetectors.best();
    }

    /** Configures a {@link Site}. */
    public static final class Builder {
        private static final Logger ACCESS = Logger.getLogger("dev.braid.web.access");

        private final Resource root;
        private boolean displayTracebacks;
        private Duration requestTimeout;
        private long maxBodyBytes = 10L * 1024 * 1024;
        private long maxBufferedBodies = 64L * 1024 * 1024;
        private String defaultContentType = "text/html";
        private String mountPath = "";
        private Consumer<String> accessLog = ACCESS::info;
        private DisconnectDetector disconnects = DefaultDetector.INSTANCE;
        private ReactorTime clock;
        private SessionStore sessionStore = new InMemorySessionStore(100_000);
        private SessionFactory sessionFactory = SessionFactory.withTimeout(900);

        private Builder(Resource root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        /**
         * Shows tracebacks on error pages (Twisted's {@code displayTracebacks}; off by default).
         *
         * @param display whether to show them
         * @return this builder
         */
        public Builder displayTracebacks(boolean display) {
            this.displayTracebacks = display;
            return this;
        }

        /**
         * Answers 503 to a request still open after {@code timeout} (none by default).
         *
         * @param timeout the longest a request may stay open
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Caps request bodies (10 MiB by default); larger ones get 413, at once
         * when the Content-Length says so, else as soon as a resource reading
         * the body passes the cap.
         *
         * @param bytes the cap
         * @return this builder
         */
        public Builder maxBodySize(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Caps the request bodies held in memory at once, over all requests
         * (64 MiB by default): a request that buffers its body
         * ({@link Request#content()}) while the others already hold this much
         * gets 503. Streamed bodies ({@link Request#contentStream()}) do not count.
         *
         * @param bytes the budget
         * @return this builder
         */
        public Builder maxBufferedBodies(long bytes) {
            this.maxBufferedBodies = bytes;
            return this;
        }

        /**
         * Sets the Content-Type added on the first write when none was set
         * ("text/html", as Twisted's {@code defaultContentType}).
         *
         * @param contentType the type
         * @return this builder
         */
        public Builder defaultContentType(String contentType) {
            this.defaultContentType = contentType;
            return this;
        }

        /**
         * Says where the site is registered in Helidon's routing when not at
         * the root, e.g. {@code "/app"}; its session cookie then carries the
         * path, as Twisted's does ({@code TWISTED_SESSION_app}).
         *
         * @param path the mount path, without a trailing slash
         * @return this builder
         */
        public Builder mountPath(String path) {
            this.mountPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return this;
        }

        /**
         * Sets where access-log lines go (by default the JUL logger
         * {@code dev.braid.web.access} at INFO); null turns the log off.
         *
         * @param sink receives one combined-format line per finished request
         * @return this builder
         */
        public Builder accessLog(Consumer<String> sink) {
            this.accessLog = sink;
            return this;
        }

        /**
         * Sets how client disconnects are noticed while a request is idle (by
         * default {@link DisconnectDetectors#best()}:
         * the Linux epoll watcher, else only when a write fails).
         *
         * @param detector the detector
         * @return this builder
         */
        public Builder disconnectDetector(DisconnectDetector detector) {
            this.disconnects = detector;
            return this;
        }

        /**
         * Sets the time source for session expiry; tests pass a {@link dev.braid.deferred.Clock}.
         * By default the site runs its own timer loop.
         *
         * @param time the clock
         * @return this builder
         */
        public Builder clock(ReactorTime time) {
            this.clock = time;
            return this;
        }

        /**
         * Sets the session timeout (900 s by default) for plain sessions.
         *
         * @param timeout inactivity before expiry
         * @return this builder
         */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionFactory = SessionFactory.withTimeout(timeout.toMillis() / 1000.0);
            return this;
        }

        /**
         * Sets the factory of session objects (Twisted's {@code sessionFactory}).
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder sessionFactory(SessionFactory factory) {
            this.sessionFactory = factory;
            return this;
        }

        /**
         * Sets where sessions are kept (an in-memory store of at most 100,000 by default).
         *
         * @param store the store
         * @return this builder
         */
        public Builder sessionStore(SessionStore store) {
            this.sessionStore = store;
            return this;
        }

        /**
         * Builds the site.
         *
         * @return the site
         */
        public Site build() {
            return new Site(this);
        }
    }
}
