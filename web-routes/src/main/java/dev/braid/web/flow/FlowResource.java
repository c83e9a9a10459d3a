package dev.braid.web.flow;

import dev.braid.deferred.CancelledError;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.flow.Flow;
import dev.braid.deferred.flow.Stage;
import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.util.Objects;

/**
 * Streams a flow into a response: each value the flow yields is written and
 * flushed at once, and the response ends when the flow does (the twisted.flow
 * tutorial's {@code FlowResource}, which ran {@code flow.Deferred(gen(req))}
 * and finished the request in its callback).
 *
 * <p>The flow is pulled by the request's own loop through its
 * {@link dev.braid.deferred.Cooperator}, so a flow that cooperates between
 * values never holds the loop, and two clients loading the page both progress.
 * When the client goes away the flow is cancelled, which closes its stages
 * (a threaded stage stops its thread, a generator ends). A flow that fails
 * before writing anything gives the traceback page; after the first value,
 * the traceback is appended to the partial page, as for any render.
 *
 * <pre>{@code
 * root.putChild("count", new FlowResource(request -> {
 *     int to = Integer.parseInt(request.arg("to").orElse("10"));   // bad input: 400
 *     return Flow.generate(out -> {
 *         for (int i = 1; i <= to; i++) {
 *             out.yield(i + "\n");
 *             out.cooperate(0.1);
 *         }
 *     });
 * }));
 * }</pre>
 */
public final class FlowResource extends Resource {
    /** Builds the flow of one request. */
    @FunctionalInterface
    public interface FlowFactory {
        /**
         * Returns the flow to stream for {@code request}.
         *
         * @param request the request (its arguments, headers, session)
         * @return the flow of the body's parts
         * @throws IllegalArgumentException for bad request arguments: answered with 400 and the message
         */
        Stage<? extends CharSequence> open(Request request);
    }

    private final FlowFactory flows;
    private final String contentType;

    /**
     * Creates a resource streaming HTML.
     *
     * @param flows builds the flow of each request
     */
    public FlowResource(FlowFactory flows) {
        this(flows, "text/html; charset=utf-8");
    }

    /**
     * Creates a resource streaming the given content type.
     *
     * @param flows builds the flow of each request
     * @param contentType the response's Content-Type
     */
    public FlowResource(FlowFactory flows, String contentType) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    protected Object renderGet(Request request) {
        Stage<? extends CharSequence> stage;
        try {
            stage = flows.open(request);
        } catch (IllegalArgumentException bad) {
            return new ErrorPage(400, "Bad Request", String.valueOf(bad.getMessage())).render(request);
        }
        request.setHeader("Content-Type", contentType);
        Deferred<Void> streamed = Flow.forEach(stage, part -> request.write(part.toString()));
        request.notifyFinish().addErrback(gone -> {
            streamed.cancel(); // closes the flow
            return null;
        });
        streamed.addCallbacks(done -> {
            request.finish();
            return null;
        }, failure -> {
            if (failure.check(CancelledError.class).isEmpty()) {
                request.processingFailed(failure);
            }
            return null;
        });
        return NOT_DONE_YET;
    }
}
