package dev.braid.web.hosting;

import com.sun.net.httpserver.HttpHandler;
import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hosts a web application written against the JDK's own handler interface,
 * {@link HttpHandler} (module {@code jdk.httpserver}) — what Twisted's
 * {@code WSGIResource} does for WSGI apps. The resource is a leaf: everything
 * below its mount point is the application's to route
 * ({@code exchange.getHttpContext().getPath()} is the mount path).
 *
 * <p>The handler runs on the given executor, as WSGI apps run on a thread
 * pool; use a bounded one ({@link #boundedExecutor}). Each chunk it writes
 * waits until the request's loop has sent it (as Twisted's WSGI does with
 * {@code blockingCallFromThread}), so a fast application cannot outrun a slow
 * client. An exception before the response started gives 500 with an empty
 * body; after it started, the connection is dropped (both logged). No
 * Content-Type is added by the server.
 *
 * <pre>{@code
 * HttpHandler app = exchange -> { byte[] hi = "hi".getBytes(); exchange.sendResponseHeaders(200, hi.length);
 *                                 try (var out = exchange.getResponseBody()) { out.write(hi); } };
 * root.putChild("app", new HttpHandlerResource(HttpHandlerResource.boundedExecutor(10), app));
 * }</pre>
 */
public final class HttpHandlerResource extends Resource {
    private final Executor executor;
    private final HttpHandler handler;

    /**
     * Creates the resource.
     *
     * @param executor runs the handler
     * @param handler the application
     */
    public HttpHandlerResource(Executor executor, HttpHandler handler) {
        this.executor = Objects.requireNonNull(executor);
        this.handler = Objects.requireNonNull(handler);
    }

    /**
     * Returns an executor running at most {@code threads} handlers at once, on
     * virtual threads; more wait in line.
     *
     * @param threads the limit (Twisted's reactor pool has 10)
     * @return the executor
     */
    public static ExecutorService boundedExecutor(int threads) {
        return Executors.newFixedThreadPool(threads, Thread.ofVirtual().name("http-handler-", 0).factory());
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Object render(Request request) {
        request.setDefaultContentType(null);
        RequestExchange exchange = new RequestExchange(request);
        executor.execute(() -> {
            try {
                handler.handle(exchange);
                exchange.handlerReturned();
            } catch (Throwable error) {
                Log.err(error, "Hosted application error: " + request.method() + " " + request.uri());
                exchange.handlerFailed();
            }
        });
        return NOT_DONE_YET;
    }

    @Override
    public String toString() {
        return "HttpHandlerResource[" + handler + "]";
    }
}
