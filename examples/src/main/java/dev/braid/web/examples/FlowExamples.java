package dev.braid.web.examples;

import dev.braid.deferred.flow.Flow;
import dev.braid.web.flow.FlowResource;
import java.util.concurrent.ThreadLocalRandom;

/** The twisted.flow tutorial's web page, streamed by a {@link FlowResource}. */
public final class FlowExamples {
    /** The most numbers one page streams: a bigger ?count= is a 400, not an endless page. */
    public static final int MAX_COUNT = 10_000;

    private FlowExamples() {
    }

    /**
     * {@code /flow?count=N}: N random numbers (10 by default), one per line,
     * written as a generator yields them, giving the loop back between them.
     *
     * @param pauseSeconds how long to cooperate between numbers (0: only give the loop back)
     * @return the page
     */
    public static FlowResource randomNumbers(double pauseSeconds) {
        return new FlowResource(request -> {
            int count = count(request.arg("count").orElse("10"));
            return Flow.generate(out -> {
                out.yield("<html><body><h1>" + count + " random numbers</h1><ol>\n");
                for (int i = 0; i < count; i++) {
                    out.cooperate(pauseSeconds);
                    out.yield("<li>" + ThreadLocalRandom.current().nextDouble() + "</li>\n");
                }
                out.yield("</ol></body></html>\n");
            });
        });
    }

    private static int count(String text) {
        int count;
        try {
            count = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("count must be a whole number, not '" + text + "'");
        }
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT);
        }
        return count;
    }
}
