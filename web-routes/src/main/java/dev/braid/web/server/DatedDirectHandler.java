package dev.braid.web.server;

import dev.braid.web.internal.HttpDates;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Helidon's own answers — a malformed request's 400, a 413 before routing —
 * with the Date header every Site response carries: an IMF-fixdate with a
 * two-digit day ({@code Thu, 03 Dec 2026}). Helidon writes its own date with
 * a one-digit day on the first nine days of a month. Everything else is
 * Helidon's default answer.
 */
final class DatedDirectHandler implements DirectHandler {
    private final DirectHandler helidons = DirectHandler.defaultHandler();

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        TransportResponse response = helidons.handle(request, eventType, defaultStatus, responseHeaders, message);
        response.headers().set(HeaderNames.DATE, HttpDates.now());
        return response;
    }
}
