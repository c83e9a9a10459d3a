package dev.braid.web.internal;

import dev.braid.deferred.Failure;

/** The error pages of {@code processingFailed} (Twisted's web.Server Traceback page, escaped). */
public final class TracebackPage {
    /** Twisted's page when tracebacks are not displayed. */
    public static final String PLAIN =
            "<html><head><title>Processing Failed</title></head><body><b>Processing Failed</b></body></html>";

    private TracebackPage() {
    }

    /**
     * Returns the full page: title, the exception, and its traceback.
     *
     * @param failure what failed
     * @return the HTML page
     */
    public static String page(Failure failure) {
        return "<html><head><title>web.Server Traceback (most recent call last)</title></head><body>"
                + "<b>web.Server Traceback (most recent call last):</b>\n\n" + formatFailure(failure)
                + "\n\n</body></html>\n";
    }

    /**
     * Returns the failure as an HTML block: the exception, then the stack
     * trace with the "exception caught here" marker, then the exception again
     * (as Twisted's {@code formatFailure} does).
     *
     * @param failure what failed
     * @return the HTML block, every text escaped
     */
    public static String formatFailure(Failure failure) {
        String error = "<div class=\"error\"><span>" + Html.escape(failure.type().getName()) + "</span>: <span>"
                + Html.escape(failure.getErrorMessage()) + "</span></div>";
        return "<div><style>div.stackTrace { font-family: monospace; white-space: pre; }"
                + " div.error { color: #a00; font-weight: bold; }</style>" + error
                + "<div class=\"stackTrace\">" + Html.escape(failure.getTraceback()) + "</div>" + error + "</div>";
    }
}
