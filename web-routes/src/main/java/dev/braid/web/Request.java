package dev.braid.web;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.deferred.error.ConnectionLost;
import dev.braid.web.http10.Http10;
import dev.braid.web.internal.UrlCodec;
import dev.braid.web.session.Session;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request and its response, with Twisted's {@code server.Request}
 * surface: arguments, headers, cookies and content in; status, headers,
 * cookies, {@link #write}, {@link #finish} and error pages out.
 *
 * <h2>Threads</h2>
 * Each request runs as its own {@link EventLoop} on the virtual thread Helidon
 * gave it; the resource's render method and every Deferred created while
 * rendering run on that loop. {@link #write}, {@link #finish},
 * {@link #setHeader} and the other response methods may be called from any
 * thread (for example by another request finishing a long poll): they are
 * handed to the request's loop. {@link #write} after {@link #finish} throws at
 * once, on the calling thread.
 *
 * <h2>Ending a request</h2>
 * A request ends when it is finished, when its client goes away (the
 * {@link #notifyFinish()} Deferreds then fail with {@link ConnectionDone} or
 * {@link ConnectionLost}), or when the Site's request timeout expires. Then its
 * loop stops: work it still had running is interrupted.
 *
 * <pre>{@code
 * protected Object renderGet(Request request) {
 *     request.setHeader("Content-Type", "text/plain");
 *     Threads.deferToThread(() -> slowLookup(request.arg("q").orElse("")))
 *            .addCallback(answer -> { request.write(answer); request.finish(); return null; })
 *            .addErrback(request::processingFailed);
 *     return Resource.NOT_DONE_YET;
 * }
 * }</pre>
 */
public final class Request {
    // This class is the request as a resource reads it; it hands the response to its
    // ResponseWriter and how the request ends (loop, disconnect, timeout, failures, notifyFinish)
    // to its RequestLifecycle, both made with it for the Site.
    private final Site site;
    private final ServerRequest helidonRequest;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final List<String> prepath = new ArrayList<>();
    private final List<String> postpath;
    private final Map<String, List<String>> args = new LinkedHashMap<>();
    // Made when first needed: most requests have no cookie to look up and no attribute.
    private Map<String, String> cookies;
    private Map<String, Object> attributes;
    private RequestBody requestBody;   // made when a resource first asks for the body
    private boolean formRead;
    private Session session;
    /** The peer as accepted: read once, so it is known even after the connection closed. */
    private final SocketAddress peer;
    private InetSocketAddress clientAddress;
    private final ResponseWriter response;
    private final RequestLifecycle lifecycle;

    Request(Site site, ServerRequest helidonRequest, ServerResponse helidonResponse) {
        this.site = site;
        this.helidonRequest = helidonRequest;
        this.method = helidonRequest.prologue().method().text().toUpperCase(Locale.ROOT);
        this.rawPath = helidonRequest.prologue().uriPath().rawPath();
        this.rawQuery = helidonRequest.query().rawValue();
        // Helidon gives a service registered under a prefix the path below it: traversal starts there.
        this.postpath = UrlCodec.segments(helidonRequest.path().rawPath());
        this.peer = ConnectionMemo.current().peer(helidonRequest);
        UrlCodec.parseQuery(rawQuery, args);
        this.response = new ResponseWriter(this, helidonResponse);
        this.lifecycle = new RequestLifecycle(this);
    }

    // ------------------------------------------------------------------ the request

    /**
     * Returns the HTTP method, upper-case.
     *
     * @return for example "GET"
     */
    public String method() {
        return method;
    }

    /**
     * Returns the request URI as sent: the raw path and the query.
     *
     * @return for example "/echo?raise=E1"
     */
    public String uri() {
        return rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }

    /**
     * Returns the raw path, without the query.
     *
     * @return the path
     */
    public String path() {
        return rawPath;
    }

    /**
     * Returns the protocol the client spoke, e.g. "HTTP/1.0", "HTTP/1.1" or "HTTP/2.0".
     *
     * @return the protocol and version
     */
    public String clientProto() {
        if (Http10.isHttp10(helidonRequest)) {
            return "HTTP/1.0";   // Helidon serves it as HTTP/1.1 (dev.braid.web.http10)
        }
        String protocol = helidonRequest.prologue().protocol();
        String version = helidonRequest.prologue().protocolVersion();
        if (protocol.equals("HTTP")) {
            switch (version) {
                case "1.1" -> {
                    return "HTTP/1.1";
                }
                case "2.0" -> {
                    return "HTTP/2.0";
                }
                default -> { }
            }
        }
        return protocol + "/" + version;
    }

    /**
     * Returns the path segments already traversed (Twisted's {@code prepath}).
     *
     * @return the live list; traversal moves segments here from {@link #postpath()}
     */
    public List<String> prepath() {
        return prepath;
    }

    /**
     * Returns the path segments not yet traversed (Twisted's {@code postpath}):
     * below a leaf resource, the rest of the path.
     *
     * @return the live list
     */
    public List<String> postpath() {
        return postpath;
    }

    /**
     * Returns the arguments: the query string's, then for a form POST
     * ({@code application/x-www-form-urlencoded}) the body's (Twisted's
     * {@code args}), in order, blank values kept. The form body is read on
     * the first call, unless the resource already streamed it.
     *
     * @return names to values
     * @throws RequestBodyError when the form body cannot be read
     */
    public Map<String, List<String>> args() {
        readForm();
        return Collections.unmodifiableMap(args);
    }

    /**
     * Returns the first value of an argument.
     *
     * @param name the argument's name
     * @return its first value, or empty
     * @throws RequestBodyError when the form body cannot be read
     */
    public Optional<String> arg(String name) {
        readForm();
        List<String> values = args.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * Returns the first value of a request header.
     *
     * @param name the header's name, any case
     * @return its value, or empty
     */
    public Optional<String> getHeader(String name) {
        return helidonRequest.headers().first(HeaderNames.create(name));
    }

    /** A request header by Helidon's name, for the Site's own lookups (no name to parse). */
    String header(HeaderName name) {
        return helidonRequest.headers().first(name).orElse(null);
    }

    /**
     * Returns every value of a request header.
     *
     * @param name the header's name
     * @return the values, possibly none
     */
    public List<String> getHeaders(String name) {
        HeaderName header = HeaderNames.create(name);
        return helidonRequest.headers().contains(header) ? helidonRequest.headers().get(header).allValues() : List.of();
    }

    /**
     * Returns a cookie sent by the client.
     *
     * @param name the cookie's name
     * @return its value, or empty
     */
    public Optional<String> getCookie(String name) {
        if (cookies == null) {
            List<String> headers = helidonRequest.headers().all(HeaderNames.COOKIE, List::of);
            cookies = switch (headers.size()) {
                case 0 -> Map.of();
                case 1 -> ConnectionMemo.current().cookies(headers.getFirst(), header -> parseCookies(List.of(header)));
                default -> parseCookies(headers);      // HTTP/2 may split them over several fields
            };
        }
        return Optional.ofNullable(cookies.get(name));
    }

    private static Map<String, String> parseCookies(List<String> headers) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String header : headers) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue; // malformed: ignored, as browsers do
                }
                String name = part.substring(0, eq).strip();
                String value = part.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                parsed.putIfAbsent(name, value);
            }
        }
        return Collections.unmodifiableMap(parsed);
    }

    /**
     * Returns the request body, buffered (Twisted's {@code content}). The body
     * is read when first asked for — by this, {@link #contentBytes()} or a form
     * POST's {@link #args()} — never before: a resource that takes no body
     * gets none read. Buffering counts against the Site's per-request cap and
     * its budget for bodies held in memory at once; a resource that can
     * consume the body as it arrives should use {@link #contentStream()}.
     *
     * @return a new stream over the whole body
     * @throws RequestBodyError for a malformed body (400), one over the cap (413),
     *     or no room left in the budget (503); the Site answers with that status
     * @throws IllegalStateException if the body was already read with {@link #contentStream()}
     */
    public InputStream content() {
        return new ByteArrayInputStream(requestBody().bytes());
    }

    /**
     * Returns the request body as bytes, buffered as by {@link #content()}.
     *
     * @return a copy of the body
     * @throws RequestBodyError as {@link #content()}
     */
    public byte[] contentBytes() {
        return requestBody().bytes().clone();
    }

    /**
     * Returns the request body as it arrives, without buffering it: read it
     * once, from any thread. Reading past the Site's cap, or a malformed
     * body, throws {@link RequestBodyError}. After {@link #content()}, a new
     * stream over the buffered bytes.
     *
     * @return the body's stream
     */
    public InputStream contentStream() {
        return requestBody().stream();
    }

    /**
     * Returns the body's length as the client declared it ({@code Content-Length}).
     *
     * @return the length, or empty for a chunked body or none
     */
    public java.util.OptionalLong contentLength() {
        return helidonRequest.headers().contentLength();
    }

    private RequestBody requestBody() {
        if (requestBody == null) {
            requestBody = new RequestBody(helidonRequest, site.maxBodySize(), site.bodyBudget());
        }
        return requestBody;
    }

    /** Adds a form POST's fields to the arguments, once, unless the body was streamed. */
    private void readForm() {
        if (formRead) {
            return;
        }
        formRead = true;
        String type = getHeader("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") && helidonRequest.content().hasEntity()) {
            try {
                UrlCodec.parseQuery(new String(requestBody().bytes(), StandardCharsets.UTF_8), args);
            } catch (IllegalStateException streamed) {
                // the resource read the body as a stream: its fields are its own
            }
        }
    }

    /**
     * Returns the client's address: its IP address (never a name found by a
     * reverse DNS lookup, which TLS sockets do) and port.
     *
     * @return the peer; {@code getHostString()} is the IP address, or "-" when
     *     the peer was not an IP socket
     */
    public InetSocketAddress getClientAddress() {
        InetSocketAddress address = clientAddress;
        if (address == null) {
            address = literal(peer);
            clientAddress = address;
        }
        return address;
    }

    /** The address without any host name attached, so it prints as digits. */
    private static InetSocketAddress literal(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(inet.getAddress().getAddress()), inet.getPort());
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);   // four or sixteen bytes always make an address
            }
        }
        return InetSocketAddress.createUnresolved("-", 0);
    }

    /**
     * Returns whether the request came over TLS.
     *
     * @return true for https
     */
    public boolean isSecure() {
        return helidonRequest.isSecure();
    }

    /**
     * Returns the Site serving this request.
     *
     * @return the site
     */
    public Site site() {
        return site;
    }

    /**
     * Returns the request's event loop.
     *
     * @return the loop its render and callbacks run on
     */
    public EventLoop loop() {
        return lifecycle.loop();
    }

    /**
     * Returns Helidon's request, for anything this class does not offer.
     *
     * @return the underlying request
     */
    public ServerRequest helidonRequest() {
        return helidonRequest;
    }

    /**
     * Returns Helidon's response. Writing to it directly bypasses this class's
     * bookkeeping; prefer {@link #write} and {@link #finish}.
     *
     * @return the underlying response
     */
    public ServerResponse helidonResponse() {
        return response.helidonResponse();
    }

    /**
     * Sets the Content-Type added on the first write when none was set, for
     * this request only; null adds none (CGI and hosted apps do this, as in
     * Twisted).
     *
     * @param type the type, or null
     */
    public void setDefaultContentType(String type) {
        response.setDefaultContentType(type);
    }

    /**
     * Returns a value a resource attached to this request.
     *
     * @param name the attribute's name
     * @return the value, or null
     */
    public Object attribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    /**
     * Attaches a value to this request, for resources met later in its traversal.
     *
     * @param name the attribute's name (use a class name as prefix)
     * @param value the value
     */
    public void setAttribute(String name, Object value) {
        if (attributes == null) {
            attributes = new java.util.HashMap<>();
        }
        attributes.put(name, value);
    }

    // ------------------------------------------------------------------ sessions

    /**
     * Returns the visitor's session, creating it (and setting its cookie) when
     * the request carries no cookie for a live one. The cookie is
     * {@code TWISTED_SESSION} ({@code TWISTED_SECURE_SESSION} with
     * {@code Secure} over TLS), {@code Path=/; HttpOnly; SameSite=Lax}; a site
     * mounted below "/" adds its path, as Twisted does ({@code TWISTED_SESSION_logme}).
     * Every call touches the session: its timeout counts from the last access.
     *
     * @return the session
     */
    public Session getSession() {
        String cookieName = site.sessionCookieName(isSecure());
        if (session == null || session.isExpired()) {
            session = getCookie(cookieName)
                    .flatMap(uid -> ConnectionMemo.current().session(site.sessions(), uid)).orElse(null);
            if (session == null) {
                session = site.sessions().makeSession();
                addCookie(Cookie.builder(cookieName, session.uid()).path("/").secure(isSecure()).httpOnly(true)
                        .sameSite("lax").build());
            }
        }
        session.touch();
        return session;
    }

    // ------------------------------------------------------------------ the response

    /**
     * Sets the response status (Twisted's {@code setResponseCode}); ignored
     * once the headers have been sent.
     *
     * @param code the status code
     */
    public void setResponseCode(int code) {
        setResponseCode(code, null);
    }

    /**
     * Sets the response status and reason phrase.
     *
     * @param code the status code
     * @param message the reason phrase, or null for the standard one
     */
    public void setResponseCode(int code, String message) {
        response.setResponseCode(code, message);
    }

    /**
     * Returns the response status set so far.
     *
     * @return the code
     */
    public int code() {
        return response.code();
    }

    /**
     * Sets a response header, replacing any value it had; ignored once the
     * headers have been sent.
     *
     * @param name the header
     * @param value its value; CR and LF are not allowed
     */
    public void setHeader(String name, String value) {
        response.setHeader(name, value);
    }

    /**
     * Adds a response header value, keeping the values it already has
     * (Twisted's {@code responseHeaders.addRawHeader}); ignored once the headers have been sent.
     *
     * @param name the header
     * @param value another value; CR and LF are not allowed
     */
    public void addHeader(String name, String value) {
        response.addHeader(name, value);
    }

    /**
     * Returns a response header set so far.
     *
     * @param name the header
     * @return its value, or empty
     */
    public Optional<String> getResponseHeader(String name) {
        return response.header(name);
    }

    /**
     * Adds a cookie to the response.
     *
     * @param cookie the cookie
     */
    public void addCookie(Cookie cookie) {
        response.addCookie(cookie);
    }

    /**
     * Adds a cookie with just a name and a value.
     *
     * @param name the name
     * @param value the value
     */
    public void addCookie(String name, String value) {
        addCookie(Cookie.builder(name, value).build());
    }

    /**
     * Redirects: status 302 and {@code Location} (Twisted's {@code redirect}).
     * The request still has to be finished.
     *
     * @param url where to
     */
    public void redirect(String url) {
        setResponseCode(302);
        setHeader("Location", url);
    }

    /**
     * Writes part of the body. The first write fixes the status line and
     * headers, with {@code Content-Type: text/html} unless one was set. As
     * with Twisted's transport, bytes written go out when the loop gets back
     * to its queue (after the current callback and the events already
     * queued): a body written and finished in one go is sent whole with a
     * Content-Length; one written over several events is streamed (chunked in
     * HTTP/1.1) as it comes. For HEAD the body is dropped. After the client
     * went away, writes are silently ignored.
     *
     * @param data the bytes
     * @throws IllegalStateException if the request was already finished
     */
    public void write(byte[] data) {
        response.write(data);
    }

    /**
     * Writes text as UTF-8.
     *
     * @param text the text
     * @throws IllegalStateException if the request was already finished
     */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the response: sends what is left, fires the {@link #notifyFinish()}
     * Deferreds with null, writes the access log line, and ends the request's
     * loop. A second call only logs a warning; after the client went away it
     * does nothing.
     */
    public void finish() {
        response.finish();
    }

    /**
     * Sends a whole body at once with a Content-Length and finishes: what the
     * Site does with a render that returned bytes.
     *
     * @param data the body (dropped for HEAD, but counted in Content-Length)
     */
    public void finishWith(byte[] data) {
        response.finishWith(data);
    }

    /**
     * Drops the connection at once: what a hosted application's failure after
     * the response started leads to (Twisted's WSGI does the same).
     */
    public void abortConnection() {
        response.abortConnection();
    }

    /**
     * Returns whether the headers have been sent.
     *
     * @return true after the first write
     */
    public boolean started() {
        return response.started();
    }

    /**
     * Returns whether the response has been finished.
     *
     * @return true after {@link #finish()}
     */
    public boolean finished() {
        return response.finished();
    }

    /**
     * Returns how many body bytes have been written.
     *
     * @return the count
     */
    public long sentLength() {
        return response.sentLength();
    }

    /**
     * Returns a new Deferred that fires with null when the response has been
     * completely sent, or fails with {@link ConnectionDone} / {@link ConnectionLost}
     * if the client goes away first — also while the request is idle. Unlike
     * Twisted, calling it after the request ended returns an already fired
     * Deferred instead of one that never fires.
     *
     * @return the Deferred
     */
    public Deferred<Void> notifyFinish() {
        return lifecycle.notifyFinish();
    }

    /**
     * Answers the request with an error page for {@code reason} and logs it
     * (Twisted's {@code processingFailed}): 500 with the traceback page when
     * the Site displays tracebacks, a plain "Processing Failed" page otherwise.
     * If part of the body was already sent, the page is appended and the
     * response finished. Returns {@code reason}, so that as an errback it
     * keeps the chain failing, as in Twisted (Braid does not report that
     * failure a second time).
     *
     * @param reason what failed
     * @return the same failure
     */
    public Failure processingFailed(Failure reason) {
        return lifecycle.processingFailed(reason);
    }

    // ------------------------------------------------------------------ for the Site, the response and the lifecycle

    /** How this request ends: what the Site and the request's loop call. */
    RequestLifecycle lifecycle() {
        return lifecycle;
    }

    /** The response being written. */
    ResponseWriter response() {
        return response;
    }

    /** Whether the client spoke HTTP/1 (1.0 or 1.1): only there does a Connection header mean anything. */
    boolean isHttp1() {
        return helidonRequest.prologue().protocolVersion().startsWith("1");
    }

    /**
     * Whether an HTTP/1 body of no known end (chunked) is still unread: Helidon would drain it
     * after the response, so the response closes the connection instead.
     */
    boolean unboundedBodyLeftUnread() {
        return helidonRequest.headers().contains(HeaderNames.TRANSFER_ENCODING)
                && (requestBody == null || requestBody.unreadAndUnbounded())
                && isHttp1();
    }

    /** Gives a buffered body's bytes back to the Site's budget: the request has ended. */
    void releaseBody() {
        if (requestBody != null) {
            requestBody.release();
        }
    }

    @Override
    public String toString() {
        return "<Request " + method + " " + uri() + " " + clientProto() + ">";
    }
}
