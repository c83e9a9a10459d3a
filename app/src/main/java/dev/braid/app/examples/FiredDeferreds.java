package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code defer-11.py}: a Deferred fired before its callbacks are added runs
 * each one as it is added; a paused one keeps them until it is unpaused.
 */
final class FiredDeferreds {
    private FiredDeferreds() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("""
                This example illustrates how deferreds can
                be fired before they are returned. First we
                make a new deferred, fire it, then add some
                callbacks.
                """);

        // We create a deferred and fire it immediately:
        Deferred<Integer> d = new Deferred<>();

        out.println("Firing empty deferred.");
        d.callback(0);

        // Now we add the callbacks to the deferred.
        // Notice how each callback fires immediately.
        out.println("Adding first callback.");
        d.addCallback(res -> ChainedDeferreds.callback(out, 1, res));

        out.println("Adding second callback.");
        d.addCallback(res -> ChainedDeferreds.callback(out, 2, res));

        out.println("Adding third callback.");
        d.addCallback(res -> ChainedDeferreds.callback(out, 3, res));

        out.println("""

                Because the deferred was already fired, it
                invoked each callback as soon as it was added.

                Now we create a deferred and fire it, but
                pause it first with the pause() method.
                """);

        // We do the same thing, but pause the deferred:
        Deferred<Integer> e = new Deferred<>();
        out.println("Pausing, then firing deferred.");
        e.pause();
        e.callback(0);

        out.println("Adding callbacks.");
        e.addCallback(res -> ChainedDeferreds.callback(out, 1, res))
                .addCallback(res -> ChainedDeferreds.callback(out, 2, res))
                .addCallback(res -> ChainedDeferreds.callback(out, 3, res));

        out.println("Unpausing the deferred.");
        e.unpause();
        return 0;
    }
}
