package dev.braid.web.http10;

import io.helidon.webserver.http.ServerRequest;

/** What the rest of Braid asks about HTTP/1.0 requests. */
public final class Http10 {
    private Http10() {
    }

    /**
     * Returns whether a request came from an HTTP/1.0 client (Helidon itself
     * sees it as HTTP/1.1 after the translation).
     *
     * @param request the request
     * @return true for a request line that said HTTP/1.0
     */
    public static boolean isHttp10(ServerRequest request) {
        return request.remotePeer() instanceof Http10Peer;
    }
}
