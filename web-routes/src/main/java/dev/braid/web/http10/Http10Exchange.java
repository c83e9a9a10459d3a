package dev.braid.web.http10;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the request side tells the response side of one connection: for each
 * request, in order, how its response must be written; and, the other way,
 * that the connection must end because a response was delimited by closing it.
 */
final class Http10Exchange {
    /**
     * How to write one response.
     *
     * @param translate whether the request was HTTP/1.0 (a later request on the connection may say HTTP/1.1)
     * @param head whether it was a HEAD request: the response has no body whatever its headers say
     * @param keepAlive whether the client asked to keep the connection ({@code Connection: keep-alive})
     */
    record Response(boolean translate, boolean head, boolean keepAlive) {
        /** For a response Helidon writes before a request was read whole (a request line it refused). */
        static final Response REFUSED = new Response(true, false, false);
    }

    private final Queue<Response> expected = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;

    void expect(Response response) {
        expected.add(response);
    }

    Response peek() {
        Response response = expected.peek();
        return response == null ? Response.REFUSED : response;
    }

    Response next() {
        Response response = expected.poll();
        return response == null ? Response.REFUSED : response;
    }

    /** The last response ends with the connection: no further request is read, no further byte written. */
    void close() {
        closing = true;
    }

    boolean closing() {
        return closing;
    }
}
