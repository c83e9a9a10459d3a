package dev.braid.web.examples;

import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import dev.braid.web.Resource;

/** The asynchronous-response examples of "Twisted Web in 60 seconds". */
public final class AsyncExamples {
    private static final String SORRY = "<html><body>Sorry to keep you waiting.</body></html>";

    private AsyncExamples() {
    }

    /** {@code /delayed}: answers after a delay with {@code deferLater} (Asynchronous Responses via Deferred). */
    public static final class DelayedResource extends Resource {
        private final double delaySeconds;

        /**
         * Creates the page.
         *
         * @param delaySeconds how long to keep the visitor waiting (5 in the tutorial)
         */
        public DelayedResource(double delaySeconds) {
            this.delaySeconds = delaySeconds;
        }

        @Override
        protected Object renderGet(Request request) {
            Deferreds.deferLater(request.loop(), delaySeconds, () -> request).addCallback(r -> {
                r.write(SORRY);
                r.finish();
                return null;
            });
            return NOT_DONE_YET;
        }
    }

    /** {@code /callLater}: the same with the loop's {@code callLater} (Asynchronous Responses). */
    public static final class CallLaterResource extends Resource {
        private final double delaySeconds;

        /**
         * Creates the page.
         *
         * @param delaySeconds the delay
         */
        public CallLaterResource(double delaySeconds) {
            this.delaySeconds = delaySeconds;
        }

        @Override
        protected Object renderGet(Request request) {
            request.loop().callLater(delaySeconds, () -> {
                request.write(SORRY);
                request.finish();
            });
            return NOT_DONE_YET;
        }
    }

    /**
     * {@code /interrupted}: cancels its delayed answer when the client goes away
     * and logs "Async response demo interrupted response" with the failure
     * (Interrupted Responses).
     */
    public static final class InterruptedResource extends Resource {
        private final double delaySeconds;

        /**
         * Creates the page.
         *
         * @param delaySeconds the delay
         */
        public InterruptedResource(double delaySeconds) {
            this.delaySeconds = delaySeconds;
        }

        @Override
        protected Object renderGet(Request request) {
            DelayedCall call = request.loop().callLater(delaySeconds, () -> {
                request.write(SORRY);
                request.finish();
            });
            request.notifyFinish().addErrback(failure -> {
                call.cancel();
                Log.err(failure, "Async response demo interrupted response");
                return null;
            });
            return NOT_DONE_YET;
        }
    }
}
