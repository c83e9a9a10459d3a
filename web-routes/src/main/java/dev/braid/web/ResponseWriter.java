package dev.braid.web;

import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionLost;
import dev.braid.deferred.internal.LoopInternals;
import dev.braid.web.internal.ClientGone;
import dev.braid.web.internal.Html;
import dev.braid.web.internal.HttpDates;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The response of one {@link Request}: status, headers and cookies until the
 * first write fixes them, then the body, and whether the response is still
 * open, finished, or lost with its client.
 *
 * <p>Bytes written in one turn of the request's loop are collected and sent
 * when the loop gets back to its queue, as Twisted's transport does: a body
 * written and finished in one go goes out whole with a Content-Length, one
 * written over several events streams (chunked in HTTP/1.1). HEAD drops the
 * body and keeps its length. Calls from other threads are handed to the loop
 * ({@link #onLoop}); the ends of the response — finished, client gone — are
 * reported to the request's {@link RequestLifecycle}.
 */
final class ResponseWriter {
    private static final Logger LOG = Logger.getLogger(Request.class.getName());

    private final Request request;
    private final ServerResponse helidonResponse;
    private int code = 200;
    private String codeMessage;
    private String defaultContentType = "";
    private OutputStream body;
    private ByteArrayOutputStream unsent;     // loop thread: written in this turn of the loop, not sent yet
    private long bytesSent;
    private volatile boolean started;
    private volatile boolean finished;
    private volatile Failure lost;

    ResponseWriter(Request request, ServerResponse helidonResponse) {
        this.request = request;
        this.helidonResponse = helidonResponse;
    }

    // ------------------------------------------------------------------ status and headers

    void setResponseCode(int code, String message) {
        if (onLoop(() -> setResponseCode(code, message)) || started) {
            return;
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("not an HTTP status code: " + code);
        }
        this.code = code;
        this.codeMessage = message;
    }

    int code() {
        return code;
    }

    void setHeader(String name, String value) {
        if (onLoop(() -> setHeader(name, value)) || started) {
            return;
        }
        helidonResponse.header(HeaderNames.create(name), checkHeaderValue(value));
    }

    void addHeader(String name, String value) {
        if (onLoop(() -> addHeader(name, value)) || started) {
            return;
        }
        helidonResponse.headers().add(HeaderNames.create(name), checkHeaderValue(value));
    }

    Optional<String> header(String name) {
        return helidonResponse.headers().first(HeaderNames.create(name));
    }

    void addCookie(Cookie cookie) {
        if (onLoop(() -> addCookie(cookie)) || started) {
            return;
        }
        helidonResponse.headers().add(HeaderNames.SET_COOKIE, cookie.headerValue());
    }

    ServerResponse helidonResponse() {
        return helidonResponse;
    }

    void setDefaultContentType(String type) {
        this.defaultContentType = type;
    }

    // ------------------------------------------------------------------ the body

    void write(byte[] data) {
        if (finished) {
            throw new IllegalStateException("Request.write called on a request after Request.finish was called.");
        }
        byte[] copy = data.clone();
        if (onLoop(() -> write(copy)) || lost != null) {
            return;
        }
        if (!started) {
            startResponse();    // the headers are fixed now, as Twisted sends them with the first write
        }
        bytesSent += copy.length;
        if (request.method().equals("HEAD")) {
            return;
        }
        // Like Twisted's transport, collect what this event writes and send it when the loop gets
        // back to its queue: a page written and finished in one callback goes out as one response
        // with a Content-Length; a page written over several events streams, chunk by chunk.
        if (unsent == null) {
            unsent = new ByteArrayOutputStream(Math.max(256, copy.length));
            EventLoop loop = request.loop();
            if (!LoopInternals.tryCallFromThread(loop, this::sendUnsent)) {
                sendUnsent();
            }
        }
        unsent.writeBytes(copy);
    }

    /** Streams what was written since the last turn of the loop (an event queued by the first such write). */
    private void sendUnsent() {
        ByteArrayOutputStream pending = unsent;
        unsent = null;
        if (pending == null || finished || lost != null) {
            return;
        }
        try {
            if (body == null) {
                body = helidonResponse.outputStream();
            }
            pending.writeTo(body);
            body.flush();
        } catch (Exception e) {
            writeFailed(e);
        }
    }

    void finish() {
        if (onLoop(this::finish)) {
            return;
        }
        if (finished) {
            LOG.warning("Warning! request.finish called twice: " + request.method() + " " + request.uri());
            return;
        }
        if (lost != null) {
            return;
        }
        try {
            if (!started) {
                startResponse();
            }
            ByteArrayOutputStream pending = unsent;
            unsent = null;
            if (body != null) {
                if (pending != null) {
                    pending.writeTo(body);
                }
                body.close();
            } else if (pending != null) {
                // Never streamed: the whole body goes out at once, with its length.
                byte[] whole = pending.toByteArray();
                helidonResponse.header(HeaderNames.CONTENT_LENGTH, Integer.toString(whole.length));
                helidonResponse.send(whole);
            } else {
                helidonResponse.send();
            }
        } catch (Exception e) {
            writeFailed(e);
            return;
        }
        finished = true;
        request.lifecycle().responseFinished(bytesSent);
    }

    void finishWith(byte[] data) {
        if (finished || lost != null) {
            if (finished) {
                LOG.warning("A render returned a body after request.finish() was called: " + request.method() + " "
                        + request.uri());
            }
            return;
        }
        try {
            startResponse();
            boolean head = request.method().equals("HEAD");
            boolean headWithLength = head && data.length == 0
                    && helidonResponse.headers().contains(HeaderNames.CONTENT_LENGTH);
            if (!headWithLength) {   // HEAD of a file: keep the length the GET would have
                helidonResponse.header(HeaderNames.CONTENT_LENGTH, Integer.toString(data.length));
            }
            if (head) {
                helidonResponse.send();
            } else {
                helidonResponse.send(data);
                bytesSent = data.length;
            }
        } catch (Exception e) {
            writeFailed(e);
            return;
        }
        finished = true;
        request.lifecycle().responseFinished(bytesSent);
    }

    private void startResponse() {
        started = true;
        if (request.unboundedBodyLeftUnread()) {
            helidonResponse.header(HeaderNames.CONNECTION, "close");   // never drain a body of no known end
        }
        helidonResponse.status(codeMessage == null ? Status.create(code) : Status.create(code, codeMessage));
        stampDate(helidonResponse);
        String fallbackType = defaultContentType == null ? null
                : defaultContentType.isEmpty() ? request.site().defaultContentType() : defaultContentType;
        if (fallbackType != null && code != 204 && code != 304
                && !helidonResponse.headers().contains(HeaderNames.CONTENT_TYPE)) {
            helidonResponse.header(HeaderNames.CONTENT_TYPE, fallbackType);
        }
    }

    private void writeFailed(Exception error) {
        if (ClientGone.is(error)) {
            request.lifecycle().connectionLost(new Failure(new ConnectionLost("Connection to the other side was"
                    + " lost in a non-clean fashion.", error)));
        } else {
            throw error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
        }
    }

    // ------------------------------------------------------------------ the end of the response

    void abortConnection() {
        if (onLoop(this::abortConnection) || finished || lost != null) {
            return;
        }
        request.lifecycle().connectionLost(new Failure(new ConnectionLost("the response was aborted by the server")));
    }

    boolean started() {
        return started;
    }

    boolean finished() {
        return finished;
    }

    /** Whether the response can still be answered: neither finished nor lost with its client. */
    boolean isOpen() {
        return !finished && lost == null;
    }

    /** Why the client went away, or null while it has not. */
    Failure lost() {
        return lost;
    }

    /** Marks the response lost with its client, unless it already ended; returns whether it did. */
    boolean markLost(Failure reason) {
        if (finished || lost != null) {
            return false;
        }
        lost = reason;
        return true;
    }

    long sentLength() {
        return bytesSent;
    }

    /**
     * The request's loop has ended with this response still unanswered: a 503
     * if nothing was sent yet (returns true), else nothing (returns false).
     */
    boolean sendUnavailableIfUnstarted() {
        if (started) {
            return false;
        }
        stampDate(helidonResponse);
        helidonResponse.status(Status.SERVICE_UNAVAILABLE_503).send("Service Unavailable");
        return true;
    }

    /** After the loop: a response lost or left unfinished makes Helidon close the connection. */
    void closeConnectionUnlessFinished() {
        if (lost != null || !finished) {
            throw new ServerConnectionException("client went away", lost == null ? null : lost.value());
        }
    }

    // ------------------------------------------------------------------ threads

    /**
     * Posts {@code action} to the request's loop if this is another thread and
     * the loop still runs; returns whether it did (if not, the caller acts
     * directly: the loop has ended, so nothing else touches the request).
     */
    boolean onLoop(Runnable action) {
        EventLoop loop = request.loop();
        return loop != null && !loop.inLoopThread() && LoopInternals.tryCallFromThread(loop, action);
    }

    /** An IMF-fixdate Date header on both protocols (Helidon's own has a one-digit day and the local offset). */
    static void stampDate(ServerResponse response) {
        response.header(HeaderNames.DATE, HttpDates.now());
    }

    private static String checkHeaderValue(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header values cannot contain CR or LF: " + Html.escape(value));
        }
        return value;
    }
}
