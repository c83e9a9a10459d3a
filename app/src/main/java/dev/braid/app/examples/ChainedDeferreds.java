package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code defer-10.py}: a callback that returns a Deferred pauses the outer
 * chain until that inner Deferred fires; its result goes on down the outer
 * chain.
 */
final class ChainedDeferreds {
    private ChainedDeferreds() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("""

                This example illustrates how callbacks in a deferred
                chain can return deferreds themselves.
                """);

        // We add three simple callbacks to a deferred and fire it:
        Deferred<Integer> d = new Deferred<>();
        d.addCallback(res -> callback(out, 1, res))
                .addCallback(res -> callback(out, 2, res))
                .addCallback(res -> callback(out, 3, res));

        out.println("""

                Here we are firing a deferred with three callbacks that just print
                their argument and return simple values:
                """);
        d.callback(0);

        // Now we make a callback that returns a deferred. Because nothing but this
        // example fires it, we keep it where we can reach it from the 'outside':
        // never do this in a real program.
        Deferred<?>[] deferred2 = new Deferred<?>[1];

        Deferred<Integer> e = new Deferred<>();
        e.addCallback(res -> callback(out, 1, res))
                .addCallbackDeferred(res -> {                 // callback_2_async
                    out.println("callback_2 got " + res);
                    Deferred<Integer> inner = new Deferred<>();
                    deferred2[0] = inner;
                    return inner;
                })
                .addCallback(res -> callback(out, 3, res));

        out.println("""

                Here we are firing a deferred as above but the middle callback is
                returning a deferred:
                """);
        e.callback(0);

        out.println("""

                Notice the output from the third callback is missing. That's because
                the second callback returned a deferred and now the 'outer' deferred
                is paused. It's not waiting in a thread or anything like that, it just
                stopped invoking the callbacks in the chain. Instead, it registered
                some callbacks on the 'inner' deferred which will start the outer
                deferred back up when the inner deferred is fired.

                We can see this in action by firing the inner deferred:
                """);
        @SuppressWarnings("unchecked")
        Deferred<Integer> inner = (Deferred<Integer>) deferred2[0];
        inner.callback(2);

        out.println("""

                Note the argument to the inner deferred's callback() method became
                the result passed to the next callback in the outer deferred.
                """);
        return 0;
    }

    /** {@code callback_N}: prints its argument and returns N. */
    static int callback(PrintStream out, int n, Object res) {
        out.println("callback_" + n + " got " + res);
        return n;
    }
}
