package dev.braid.web.internal;

import dev.braid.deferred.Failure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The error pages of {@code processingFailed} (Twisted's "web.Server
 * Traceback (most recent call last)" page), every text escaped.
 *
 * <p>As the heading says, the oldest call comes first and the frame that
 * threw last (the reverse of a Java stack trace). Runs of frames of the
 * machinery — Braid's event loop and web server, Helidon, the JDK — fold
 * behind one line each, which opens on a click; the application's frames stay
 * in sight, each with its line of source when the source is at hand
 * ({@link SourceLines}). The {@code --- <exception caught here> ---} line
 * marks where a Deferred caught the exception, as in Twisted. A cause is shown
 * first, followed by the exception it caused, as Python chains them.
 */
public final class TracebackPage {
    /** Twisted's page when tracebacks are not displayed. */
    public static final String PLAIN =
            "<html><head><title>Processing Failed</title></head><body><b>Processing Failed</b></body></html>";

    private static final String STYLE = "<style>div.stackTrace { font-family: monospace; }"
            + " div.stackTrace div { white-space: pre; } div.error { color: #a00; font-weight: bold; }"
            + " div.source { color: #060; } details.machinery > summary { color: #777; cursor: pointer; }"
            + " div.chain { margin: 1em 0; font-style: italic; }</style>";
    private static final String CAUGHT_HERE = "\t--- <exception caught here> ---";

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
     * Returns the failure as an HTML block: the exception, then the traceback
     * (oldest call first, causes before what they caused), then the exception
     * again (as Twisted's {@code formatFailure} does).
     *
     * @param failure what failed
     * @return the HTML block, every text escaped
     */
    public static String formatFailure(Failure failure) {
        String error = errorLine(failure.value());
        StringBuilder trace = new StringBuilder("<div class=\"stackTrace\">");
        List<Throwable> chain = causes(failure.value());
        for (int i = chain.size() - 1; i > 0; i--) {
            frames(chain.get(i), -1, trace);
            trace.append(errorLine(chain.get(i))).append("<div class=\"chain\">The above exception was the direct"
                    + " cause of the following exception:</div>");
        }
        failure.caughtBy().ifPresent(by -> trace.append("<div class=\"marker\">")
                .append(Html.escape("--- <exception caught here: " + by + "> ---")).append("</div>"));
        frames(failure.value(), caughtAt(failure), trace);
        for (Throwable suppressed : failure.value().getSuppressed()) {
            trace.append("<details class=\"machinery\"><summary>Suppressed: ")
                    .append(Html.escape(suppressed.toString())).append("</summary>");
            frames(suppressed, -1, trace);
            trace.append("</details>");
        }
        trace.append("</div>");
        return "<div>" + STYLE + error + trace + error + "</div>";
    }

    private static String errorLine(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return "<div class=\"error\"><span>" + Html.escape(error.getClass().getName()) + "</span>: <span>"
                + Html.escape(message) + "</span></div>";
    }

    /** The exception and its causes, outermost first; a cause seen twice ends the chain. */
    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /**
     * Where the Failure marks its catch: the number of frames, counted from the
     * throwing one, before its {@code --- <exception caught here> ---} line, or
     * -1. Read from the Failure's own traceback, which knows the catching frame.
     */
    private static int caughtAt(Failure failure) {
        int frames = 0;
        for (String line : failure.getTraceback().split("\n")) {
            if (line.equals(CAUGHT_HERE)) {
                return frames;
            }
            if (line.startsWith("\tat ")) {
                frames++;
            } else if (frames > 0 && !line.startsWith("\t")) {
                break;   // the causes' traces
            }
        }
        return -1;
    }

    /** The frames of one exception, oldest first, with the catch marked before frame {@code caught} (Java order). */
    private static void frames(Throwable error, int caught, StringBuilder out) {
        List<StackTraceElement> elements = new ArrayList<>(List.of(error.getStackTrace()));
        Collections.reverse(elements);
        List<StackFrames.Frame> frames = elements.stream().map(StackFrames::classify).toList();
        if (caught < 0) {
            runs(frames, out);
            return;
        }
        int split = frames.size() - caught;   // the catching frames are the older part
        runs(frames.subList(0, split), out);
        out.append("<div class=\"marker\">").append(Html.escape("--- <exception caught here> ---")).append("</div>");
        runs(frames.subList(split, frames.size()), out);
    }

    private static void runs(List<StackFrames.Frame> frames, StringBuilder out) {
        for (StackFrames.Run run : StackFrames.runs(frames)) {
            if (run.folded()) {
                out.append("<details class=\"machinery\"><summary>").append(Html.escape(run.summary()))
                        .append("</summary>");
                run.frames().forEach(frame -> frame(frame, false, out));
                out.append("</details>");
            } else {
                run.frames().forEach(frame -> frame(frame, true, out));
            }
        }
    }

    private static void frame(StackFrames.Frame frame, boolean withSource, StringBuilder out) {
        out.append("<div class=\"frame\">  at ").append(Html.escape(frame.element().toString())).append("</div>");
        if (withSource) {
            SourceLines.lineOf(frame.element(), frame.type()).ifPresent(line ->
                    out.append("<div class=\"source\">      ").append(Html.escape(line)).append("</div>"));
        }
    }
}
