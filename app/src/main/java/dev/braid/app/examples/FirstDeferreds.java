package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code defer-1.py}, {@code defer-2.py} and {@code defer-3.py}: one
 * callback/errback pair, fired with a result, with a Failure, and with a
 * plain exception (which the Deferred wraps in a Failure itself).
 */
final class FirstDeferreds {
    private FirstDeferreds() {
    }

    static int defer1(List<String> args, PrintStream out, PrintStream err) {
        Deferred<String> d = new Deferred<>();

        // add a callback/errback pair to the chain
        d.addCallbacks(res -> gotPoem(out, res), failure -> poemFailed(out, failure));

        // fire the chain with a normal result
        d.callback("This poem is short.");

        out.println("Finished");
        return 0;
    }

    static int defer2(List<String> args, PrintStream out, PrintStream err) {
        Deferred<String> d = new Deferred<>();

        // add a callback/errback pair to the chain
        d.addCallbacks(res -> gotPoem(out, res), failure -> poemFailed(out, failure));

        // fire the chain with an error result
        d.errback(new Failure(new Exception("I have failed.")));

        out.println("Finished");
        return 0;
    }

    static int defer3(List<String> args, PrintStream out, PrintStream err) {
        Deferred<String> d = new Deferred<>();

        // add a callback/errback pair to the chain
        d.addCallbacks(res -> gotPoem(out, res), failure -> {
            out.println(failure.getClass());   // the errback still gets a Failure
            out.println(failure);
            out.println("No poetry for you.");
            return null;
        });

        // fire the chain with an error result
        d.errback(new Exception("I have failed."));
        return 0;
    }

    private static Void gotPoem(PrintStream out, String res) {
        out.println("Your poem is served:");
        out.println(res);
        return null;
    }

    private static Void poemFailed(PrintStream out, Failure err) {
        out.println("No poetry for you.");
        return null;
    }
}
