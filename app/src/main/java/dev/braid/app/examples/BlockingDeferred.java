package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code defer-block.py}: a callback that blocks (here, sleeping between the
 * words of a poem) blocks the whole chain and the reactor with it: "Firing
 * finished." only comes after the last callback. {@code --fast} leaves the
 * sleeps out (the tests use it); the order of the output stays the same.
 */
final class BlockingDeferred {
    private BlockingDeferred() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean fast = args.contains("--fast");
        EventLoop reactor = EventLoop.create("reactor");
        Deferred<Boolean> d = new Deferred<>();

        d.addCallback(ignored -> {              // start_chain
            out.println("The start of the callback chain.");
            return null;
        });
        d.addCallback(ignored -> {              // blocking_poem
            delayedWrite(out, fast, "\n", 0);
            delayedWrite(out, fast, "I", .6);
            delayedWrite(out, fast, " block", .4);
            delayedWrite(out, fast, "\n  and", 1);
            delayedWrite(out, fast, " the", .4);
            delayedWrite(out, fast, " deferred", .6);
            delayedWrite(out, fast, "\n  blocks", 1.5);
            delayedWrite(out, fast, " with", .2);
            delayedWrite(out, fast, " me", .2);
            delayedWrite(out, fast, "\nas does", 1);
            delayedWrite(out, fast, "\n the reactor", .6);
            delayedWrite(out, fast, "\nkeep that", 1);
            delayedWrite(out, fast, "\n factor", .6);
            delayedWrite(out, fast, "\nin", 1);
            delayedWrite(out, fast, " mind", .4);
            delayedWrite(out, fast, "\n\n", 2);
            return null;
        });
        d.addCallback(ignored -> {              // end_chain
            out.println("The end of the callback chain.");
            reactor.stop();
            return null;
        });

        reactor.callWhenRunning(() -> {         // fire
            out.println("Firing deferred.");
            d.callback(true);
            out.println("Firing finished.");
        });

        out.println("Starting reactor.");
        reactor.run();
        out.println("Done.");
        return 0;
    }

    /** Sleeps on the loop's own thread, on purpose: that is what blocks the reactor. */
    private static void delayedWrite(PrintStream out, boolean fast, String s, double delay) throws InterruptedException {
        if (!fast) {
            Thread.sleep((long) (delay * 1000));
        }
        out.print(s);
        out.flush();
    }
}
