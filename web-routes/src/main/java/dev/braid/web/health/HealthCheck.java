package dev.braid.web.health;

import dev.braid.web.internal.HttpDates;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;

/**
 * The path a load balancer probes ({@code /healthz}): GET and HEAD answer
 * 200 {@code OK} as plain text, never cached; other methods 405. It is a
 * plain Helidon route, answered before any {@link dev.braid.web.Site}: no
 * request loop, no session (a probe every second creates none and keeps none
 * alive), no access-log line. When the server stops, its port closes at once,
 * which is what a balancer notices.
 *
 * <pre>{@code
 * HttpRouting.Builder routing = HttpRouting.builder();
 * HealthCheck.register(routing, "/healthz");   // first: a Site at "/" answers every path
 * routing.register("/", site);
 * }</pre>
 */
public final class HealthCheck {
    /** The path the demo answers on, and the usual one. */
    public static final String DEFAULT_PATH = "/healthz";

    private HealthCheck() {
    }

    /**
     * Adds the endpoint to a routing; register it before the Sites.
     *
     * @param routing the routing
     * @param path the exact path, starting with "/"
     * @return the routing
     * @throws IllegalArgumentException if the path does not start with "/"
     */
    public static HttpRouting.Builder register(HttpRouting.Builder routing, String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("a health path starts with / and names something, like /healthz: "
                    + path);
        }
        return routing.any(path, HealthCheck::answer);
    }

    private static void answer(ServerRequest request, ServerResponse response) {
        response.header(HeaderNames.DATE, HttpDates.now());
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Method method = request.prologue().method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            response.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "GET, HEAD").send();
            return;
        }
        response.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.send("OK\n");
    }
}
