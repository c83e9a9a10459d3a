package dev.braid.web.simulator;

import dev.braid.trace.simulator.Chain;
import dev.braid.trace.simulator.Diagrams;
import dev.braid.trace.simulator.PairParser;
import dev.braid.trace.simulator.SvgCanvas;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.internal.Html;
import java.util.ArrayList;
import java.util.List;

/**
 * The Deferred simulator as a web page: a form for a chain in the tutorial's
 * notation ({@code r good f bad}, one pair per line) and, once submitted, the
 * chain and both firing patterns drawn as SVG — the same drawing code as
 * {@code braid-deferred-simulator}, on Braid's real Deferred. A bad line is a
 * 400 page naming it; the chain is limited to {@link #MAX_PAIRS} pairs.
 */
public final class SimulatorResource extends Resource {
    /** The most pairs one diagram draws. */
    public static final int MAX_PAIRS = 20;
    private static final String EXAMPLE = "r poem p\nr None r None\nr None r None";

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    protected Object renderGet(Request request) {
        request.setHeader("Content-Type", "text/html; charset=utf-8");
        String text = request.arg("chain").orElse(null);
        if (text == null) {
            return page(EXAMPLE, "");
        }
        List<Chain.Pair> pairs = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                Chain.Pair pair = PairParser.parse(lines[i]);
                if (pair != null) {
                    pairs.add(pair);
                }
            } catch (PairParser.BadInput bad) {
                return badRequest(request, text, "line " + (i + 1) + ": " + bad.getMessage() + ": " + lines[i].strip());
            }
        }
        if (pairs.isEmpty()) {
            return badRequest(request, text, "enter at least one callback/errback pair");
        }
        if (pairs.size() > MAX_PAIRS) {
            return badRequest(request, text, "at most " + MAX_PAIRS + " pairs, please");
        }
        SvgCanvas canvas = new SvgCanvas();
        Diagrams.drawWide(new Chain(pairs), canvas);
        return page(text, canvas.toSvg("The chain, fired by d.callback(initial) and by d.errback(initial*)"));
    }

    private static String badRequest(Request request, String text, String message) {
        request.setResponseCode(400);
        return page(text, "<p class=\"error\"><strong>Bad chain:</strong> " + Html.escape(message) + "</p>\n");
    }

    private static String page(String chain, String result) {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Deferred simulator</title>
                <style>body{font-family:sans-serif} textarea{font-family:monospace} .error{color:#a00}</style>
                </head><body>
                <h1>Deferred simulator</h1>
                <p>One callback/errback pair per line: <code>return VALUE</code>, <code>fail VALUE</code> or
                <code>passthru</code> (abbreviated <code>r</code>/<code>f</code>/<code>p</code>), values of at most
                six characters. A value followed by <code>*</code> is a Failure wrapping <code>Exception(value)</code>.</p>
                <form method="get" action="/simulator">
                <textarea name="chain" rows="8" cols="40">%s</textarea><br>
                <button type="submit">Draw</button>
                </form>
                %s</body></html>
                """.formatted(Html.escape(chain), result);
    }
}
