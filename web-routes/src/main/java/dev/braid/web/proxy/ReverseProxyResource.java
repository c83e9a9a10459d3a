package dev.braid.web.proxy;

import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Threads;
import dev.braid.deferred.log.Log;
import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Forwards requests to another HTTP server (Twisted's
 * {@code proxy.ReverseProxyResource}) with the JDK's HttpClient: the method,
 * the query, the headers (without hop-by-hop ones) and the body go up; the
 * status, headers and body come back, the body streamed chunk by chunk. Each
 * child adds its (re-quoted) segment to the upstream path, so
 * {@code /proxy/a%20b/c?x=1} goes to {@code /base/a%20b/c?x=1}.
 *
 * <p>Beyond Twisted: {@code X-Forwarded-For}, {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Proto} are added; an upstream that is down or does not
 * answer within the timeout gives {@code 502 Bad Gateway} (Twisted answers
 * 501 "Gateway error").
 *
 * <pre>{@code
 * root.putChild("api", new ReverseProxyResource("127.0.0.1", 9000, "/v1"));
 * }</pre>
 */
public final class ReverseProxyResource extends Resource {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final String host;
    private final int port;
    private final String path;
    private final Duration timeout;

    /**
     * Creates the proxy.
     *
     * @param host the upstream host
     * @param port its port
     * @param path the upstream path this resource maps to (e.g. "" or "/base")
     */
    public ReverseProxyResource(String host, int port, String path) {
        this(host, port, path, Duration.ofSeconds(60));
    }

    /**
     * Creates the proxy with a response timeout.
     *
     * @param host the upstream host
     * @param port its port
     * @param path the upstream path
     * @param timeout how long to wait for the upstream's headers
     */
    public ReverseProxyResource(String host, int port, String path, Duration timeout) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.timeout = timeout;
    }

    @Override
    public Resource getChild(String segment, Request request) {
        return new ReverseProxyResource(host, port,
                path + "/" + URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"), timeout);
    }

    @Override
    public Object render(Request request) {
        String query = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?')) : "";
        URI target = URI.create("http://" + host + ":" + port + (path.isEmpty() ? "/" : path) + query);
        HttpRequest.Builder upstream = HttpRequest.newBuilder(target).timeout(timeout);
        for (var header : request.helidonRequest().headers()) {
            if (!HOP_BY_HOP.contains(header.name().toLowerCase(Locale.ROOT))) {
                for (String value : header.allValues()) {
                    try {
                        upstream.header(header.name(), value);
                    } catch (IllegalArgumentException restricted) {
                        // a header the JDK client sets itself
                    }
                }
            }
        }
        String client = request.getClientAddress().getHostString();
        upstream.header("X-Forwarded-For", request.getHeader("X-Forwarded-For").map(v -> v + ", " + client)
                .orElse(client));
        request.getHeader("Host").ifPresent(h -> upstream.header("X-Forwarded-Host", h));
        upstream.header("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        upstream.method(request.method(), body(request));
        request.setDefaultContentType(null);
        Deferreds.fromFuture(CLIENT.sendAsync(upstream.build(), HttpResponse.BodyHandlers.ofInputStream()))
                .addCallbacks(response -> {
                    relay(request, response);
                    return null;
                }, failure -> {
                    Log.err(failure, "Could not reach the upstream server " + host + ":" + port);
                    if (!request.finished()) {
                        request.finishWith(String.valueOf(new ErrorPage(502, "Bad Gateway", "Could not connect to "
                                + host + ":" + port + ".").render(request)).getBytes(StandardCharsets.UTF_8));
                    }
                    return null;
                });
        return NOT_DONE_YET;
    }

    /**
     * The body to forward: streamed when its length is declared, so a large
     * upload is not held in memory; a chunked one is buffered (within the
     * Site's limits) because the JDK client needs a length or a stream end.
     */
    private static HttpRequest.BodyPublisher body(Request request) {
        if (!request.helidonRequest().content().hasEntity()) {
            return request.method().equals("POST") ? HttpRequest.BodyPublishers.ofByteArray(new byte[0])
                    : HttpRequest.BodyPublishers.noBody();
        }
        var length = request.contentLength();
        if (length.isPresent()) {
            return HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(request::contentStream), length.getAsLong());
        }
        return HttpRequest.BodyPublishers.ofByteArray(request.contentBytes());
    }

    private static void relay(Request request, HttpResponse<InputStream> response) {
        request.setResponseCode(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) || lower.equals("content-length")) {
                if (!lower.equals(":status")) {
                    values.forEach(value -> request.addHeader(name, value));
                }
            }
        });
        Threads.deferToThread(() -> {
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[16 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                    Threads.blockingCallFromThread(request.loop(), () -> {
                        if (!request.finished()) {
                            request.write(chunk);
                        }
                        return null;
                    });
                }
            }
            return null;
        }).addCallbacks(done -> {
            if (!request.finished()) {
                request.finish();
            }
            return null;
        }, failure -> {
            Log.err(failure, "The upstream response broke off");
            request.abortConnection();
            return null;
        });
    }

    @Override
    public String toString() {
        return "ReverseProxyResource[http://" + host + ":" + port + path + "]";
    }
}
