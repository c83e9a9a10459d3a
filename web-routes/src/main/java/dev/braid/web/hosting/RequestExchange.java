package dev.braid.web.hosting;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import dev.braid.deferred.Threads;
import dev.braid.web.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link HttpExchange} over a Braid {@link Request}, used on the handler's
 * thread: every response operation is carried out on the request's loop, and
 * waited for.
 */
final class RequestExchange extends HttpExchange {
    private final Request request;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final Context context;
    private InputStream requestBody;
    private OutputStream responseBody;
    private volatile int responseCode = -1;
    private volatile boolean closed;

    RequestExchange(Request request) {
        this.request = request;
        for (var header : request.helidonRequest().headers()) {
            requestHeaders.put(header.name(), new ArrayList<>(header.allValues()));
        }
        this.requestBody = request.contentStream();   // the app reads it as it arrives, from its own thread
        this.responseBody = new Body();
        this.context = new Context("/" + String.join("/", request.prepath()));
    }

    private void onLoop(Runnable action) {
        Threads.blockingCallFromThread(request.loop(), () -> {
            action.run();
            return null;
        });
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return URI.create(request.uri());
    }

    @Override
    public String getRequestMethod() {
        return request.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (responseCode < 0) {
            return;   // handlerReturned reports a handler that never answered
        }
        onLoop(() -> {
            if (!request.finished()) {
                request.finish();
            }
        });
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("headers already sent");
        }
        responseCode = code;
        Map<String, List<String>> headers = Map.copyOf(responseHeaders);
        onLoop(() -> {
            request.setResponseCode(code);
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Server") && !name.equalsIgnoreCase("Date")) {
                    values.forEach(value -> request.addHeader(name, value));
                }
            });
            if (length > 0) {
                request.setHeader("Content-Length", Long.toString(length));
            } else if (length < 0) {
                request.setHeader("Content-Length", "0");
                request.finishWith(new byte[0]);
            }
        });
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return request.getClientAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress(request.helidonRequest().localPeer().host(),
                request.helidonRequest().localPeer().port());
    }

    @Override
    public String getProtocol() {
        return request.clientProto();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            requestBody = in;
        }
        if (out != null) {
            responseBody = out;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    void handlerReturned() {
        if (responseCode < 0) {
            onLoop(() -> {
                if (!request.finished()) {
                    request.setResponseCode(500);
                    request.finishWith(new byte[0]);
                }
            });
        } else if (!closed) {
            close();
        }
    }

    void handlerFailed() {
        onLoop(() -> {
            if (request.finished()) {
                return;
            }
            if (!request.started()) {
                request.setResponseCode(500);
                request.finishWith(new byte[0]);
            } else {
                request.abortConnection();
            }
        });
    }

    /** The response body: each write waits until the loop has sent it. */
    private final class Body extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (responseCode < 0) {
                throw new IOException("sendResponseHeaders must be called first");
            }
            if (len == 0) {
                return;
            }
            byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
            onLoop(() -> {
                if (!request.finished()) {
                    request.write(chunk);
                }
            });
        }

        @Override
        public void close() {
            RequestExchange.this.close();
        }
    }

    /** The mount point, as an HttpContext. */
    private final class Context extends HttpContext {
        private final String path;
        private final Map<String, Object> contextAttributes = new HashMap<>();

        Context(String path) {
            this.path = path;
        }

        @Override
        public HttpHandler getHandler() {
            return null;
        }

        @Override
        public void setHandler(HttpHandler handler) {
            throw new UnsupportedOperationException("mounted by Braid");
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public HttpServer getServer() {
            return null;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return contextAttributes;
        }

        @Override
        public List<Filter> getFilters() {
            return List.of();
        }

        @Override
        public Authenticator setAuthenticator(Authenticator authenticator) {
            throw new UnsupportedOperationException("use Braid's guard");
        }

        @Override
        public Authenticator getAuthenticator() {
            return null;
        }
    }
}
