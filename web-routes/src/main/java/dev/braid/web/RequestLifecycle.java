package dev.braid.web;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.deferred.error.ConnectionLost;
import dev.braid.deferred.internal.LoopInternals;
import dev.braid.web.disconnect.DisconnectDetector;
import dev.braid.web.internal.TracebackPage;
import dev.braid.web.session.SessionsUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How one {@link Request} ends, as its {@link Site} and its loop drive it:
 * the loop it runs on, the client's connection watched while that loop waits,
 * the {@code notifyFinish} Deferreds, and every way a request can end other
 * than a plain {@code finish()} — the client gone, the Site's request timeout,
 * a failure reported by {@code processingFailed}, a failure nobody handled
 * (answered when the loop is idle, logged when it has ended), and a loop that
 * ended with no answer at all (the never-hang rule).
 *
 * <p>It is the loop's idle listener ({@link #accept}) and first-wait listener
 * ({@link #run}) itself, so that a request needs no adapter objects for them.
 * Everything here runs on the request's loop, except the few entry points
 * that say they hand over to it.
 */
final class RequestLifecycle implements Consumer<EventLoop>, Runnable {
    private static final Logger LOG = Logger.getLogger(Request.class.getName());

    private final Request request;
    private EventLoop loop;
    // Made when first needed: most requests have nothing waiting on notifyFinish, no failure
    // reported, and are answered before their loop ever waits.
    private List<Deferred<Void>> finishWaiters;
    private Set<Failure> reported;
    private DisconnectDetector.Watch watch;

    RequestLifecycle(Request request) {
        this.request = request;
    }

    /** The Site made the request's loop: every callback of the request runs there from now on. */
    void attach(EventLoop requestLoop) {
        this.loop = requestLoop;
    }

    EventLoop loop() {
        return loop;
    }

    /** The request's response (read through the request, not kept: one field less per request). */
    private ResponseWriter response() {
        return request.response();
    }

    /** The loop has nothing to do: answer a silently failed chain instead of hanging. */
    @Override
    public void accept(EventLoop idleLoop) {
        loopIdle();
    }

    /** The loop is about to wait for the first time: a disconnect matters from now on. */
    @Override
    public void run() {
        watchConnection(request.site().disconnectDetector());
    }

    // ------------------------------------------------------------------ notifyFinish

    Deferred<Void> notifyFinish() {
        Failure gone = response().lost();
        if (gone != null) {
            return Deferreds.fail(gone);
        }
        if (request.finished()) {
            return Deferreds.succeed(null);
        }
        Deferred<Void> waiter = new Deferred<>();
        if (!response().onLoop(() -> addFinishWaiter(waiter))) {
            addFinishWaiter(waiter);
        }
        return waiter;
    }

    private void addFinishWaiter(Deferred<Void> waiter) {
        if (finishWaiters == null) {
            finishWaiters = new ArrayList<>(2);
        }
        finishWaiters.add(waiter);
    }

    private void fireFinishWaiters(Failure reason) {
        if (finishWaiters == null) {
            return;
        }
        List<Deferred<Void>> waiters = List.copyOf(finishWaiters);
        finishWaiters.clear();
        for (Deferred<Void> waiter : waiters) {
            if (reason == null) {
                waiter.callback(null);
            } else {
                waiter.errback(reason);
            }
        }
    }

    // ------------------------------------------------------------------ the ways a request ends

    /** The response was sent whole: log it, fire the notifyFinish Deferreds, end the loop. */
    void responseFinished(long bodyBytes) {
        request.site().accessLog(request, bodyBytes);
        fireFinishWaiters(null);
        endLoop();
    }

    /** The client went away (or the response was aborted): fail the notifyFinish Deferreds and end the request. */
    void connectionLost(Failure reason) {
        if (!response().markLost(reason)) {
            return;
        }
        LOG.fine(() -> "client went away: " + request.method() + " " + request.uri() + ": " + reason.getErrorMessage());
        fireFinishWaiters(reason);
        endLoop();
    }

    /** The disconnect detector saw the client go; called on the detector's thread. */
    private void clientGone(DisconnectDetector.Gone gone) {
        Failure reason = new Failure(gone == DisconnectDetector.Gone.CLEAN ? new ConnectionDone() : new ConnectionLost());
        if (!loop.isStopped()) {
            try {
                loop.callFromThread(() -> connectionLost(reason));
            } catch (IllegalStateException stopped) {
                // the request ended meanwhile
            }
        }
    }

    /** The Site's request timeout expired; called on the Site's timer thread. */
    void timeoutExpired() {
        try {
            loop.callFromThread(this::timedOut);
        } catch (IllegalStateException stopped) {
            // finished meanwhile
        }
    }

    private void timedOut() {
        if (!response().isOpen()) {
            return;
        }
        LOG.warning("Request timed out after " + request.site().requestTimeout().orElseThrow() + ": "
                + request.method() + " " + request.uri());
        if (request.started()) {
            connectionLost(new Failure(new ConnectionLost("request timed out")));
        } else {
            request.setResponseCode(503);
            request.setHeader("Content-Type", "text/html; charset=utf-8");
            request.finishWith(ErrorPage.page(503, "Service Unavailable", "The request timed out.")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Starts watching the client's connection. */
    private void watchConnection(DisconnectDetector detector) {
        watch = detector.watch(request.helidonRequest(), this::clientGone);
    }

    /** Stops watching, if this request ever waited. */
    void stopWatching() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private void endLoop() {
        if (loop.isRunning()) {
            loop.stop();
        }
    }

    // ------------------------------------------------------------------ failures

    Failure processingFailed(Failure reason) {
        if (response().onLoop(() -> processingFailed(reason))) {
            return reason;
        }
        markReported(reason);
        if (reason.value() instanceof RequestBodyError bad) {
            badBody(bad);
            return reason;
        }
        if (SessionsUnavailableException.isCause(reason.value())) {
            sessionsUnavailable(reason);
            return reason;
        }
        LOG.log(Level.SEVERE, "Processing failed: " + request.method() + " " + request.uri() + "\n"
                + reason.getTraceback());
        if (!response().isOpen()) {
            return reason;
        }
        String page = request.site().displayTracebacks() ? TracebackPage.page(reason) : TracebackPage.PLAIN;
        if (request.started()) {
            request.write(page);
            request.finish();
        } else {
            request.setResponseCode(500);
            request.setHeader("Content-Type", "text/html");
            request.finishWith(page.getBytes(StandardCharsets.UTF_8));
        }
        return reason;
    }

    /**
     * The session store could not be reached: 503 with a page saying so and
     * Retry-After. Not logged here: the store logs each outage once, not each request.
     */
    private void sessionsUnavailable(Failure reason) {
        LOG.fine(() -> "Sessions unavailable: " + request.method() + " " + request.uri() + ": "
                + reason.getErrorMessage());
        if (!response().isOpen()) {
            return;
        }
        if (request.started()) {
            request.finish();   // the status is gone: end the response rather than append a page to it
            return;
        }
        request.setResponseCode(503);
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        request.setHeader("Retry-After", "5");
        request.finishWith(ErrorPage.page(503, "Service Unavailable", "Sessions are unavailable at the moment; "
                + "please try again in a few seconds.").getBytes(StandardCharsets.UTF_8));
    }

    /** A body the client got wrong or the limits refused: its status, and the connection closes after. */
    private void badBody(RequestBodyError bad) {
        LOG.info(() -> "Request body refused (" + bad.status() + "): " + request.method() + " " + request.uri()
                + ": " + bad.getMessage());
        if (!response().isOpen()) {
            return;
        }
        if (request.started()) {
            request.abortConnection();
            return;
        }
        request.setResponseCode(bad.status());
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        if (bad.status() == 503) {
            request.setHeader("Retry-After", "1");
        }
        if (request.isHttp1()) {
            request.setHeader("Connection", "close");
        }
        request.finishWith(ErrorPage.page(bad.status(), bad.status() == 413 ? "Request Entity Too Large"
                : bad.status() == 503 ? "Service Unavailable" : "Bad Request", bad.getMessage())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Reports a silently failed chain of the idle loop through processingFailed, while the response is open. */
    private void loopIdle() {
        if (!response().isOpen()) {
            return;
        }
        List<Failure> failures = new ArrayList<>(LoopInternals.takeUnhandledFailures(loop));
        failures.removeIf(this::wasReported);
        if (!failures.isEmpty()) {
            for (Failure extra : failures.subList(1, failures.size())) {
                LOG.log(Level.SEVERE, "Another unhandled error in " + request.method() + " " + request.uri() + "\n"
                        + extra.getTraceback());
            }
            processingFailed(failures.getFirst());
        }
    }

    /** Called when the loop has ended: log failures nobody saw, and never leave Helidon's response half-open. */
    void afterLoop() {
        request.releaseBody();
        for (Failure failure : LoopInternals.takeUnhandledFailures(loop)) {
            if (!wasReported(failure)) {
                LOG.log(Level.SEVERE, "Unhandled error in Deferred of " + request.method() + " " + request.uri()
                        + (request.finished() ? " after the response was finished" : "") + ":\n"
                        + failure.getTraceback());
            }
        }
        if (response().isOpen()) {
            LOG.warning("Request ended without a response: " + request.method() + " " + request.uri());
            fireFinishWaiters(new Failure(new ConnectionLost("the request ended without a response")));
            if (response().sendUnavailableIfUnstarted()) {
                return;
            }
        }
        response().closeConnectionUnlessFinished();
    }

    private void markReported(Failure failure) {
        if (reported == null) {
            reported = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        reported.add(failure);
    }

    private boolean wasReported(Failure failure) {
        return reported != null && reported.contains(failure);
    }
}
