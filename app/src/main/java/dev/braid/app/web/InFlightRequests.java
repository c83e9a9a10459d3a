package dev.braid.app.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the requests being answered (a routing filter, so every route of the
 * server counts, on every protocol), for a graceful shutdown: once
 * {@link #refuseNew()} was called, a new request gets 503 with
 * {@code Connection: close}, while those in flight may finish
 * ({@link #awaitNone}). A request costs one increment and one decrement; only
 * a shutdown waits.
 */
final class InFlightRequests implements Filter {
    private static final byte[] STOPPING = "The server is shutting down.\n".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean refusing;
    private volatile Thread waiter;

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (refusing) {
            response.status(Status.SERVICE_UNAVAILABLE_503).header(HeaderNames.CONNECTION, "close")
                    .header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8").send(STOPPING);
            return;
        }
        running.incrementAndGet();
        try {
            chain.proceed();
        } finally {
            if (running.decrementAndGet() == 0) {
                Thread waiting = waiter;
                if (waiting != null) {
                    LockSupport.unpark(waiting);
                }
            }
        }
    }

    /** From now on, new requests are refused with 503: the server is stopping. */
    void refuseNew() {
        refusing = true;
    }

    /**
     * Waits until no request is running, at most {@code grace}.
     *
     * @param grace the longest wait
     * @return how many requests were still running when the wait ended (0 when all finished)
     */
    int awaitNone(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        waiter = Thread.currentThread();
        try {
            long left;
            while (running.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            return running.get();
        } finally {
            waiter = null;
        }
    }
}
