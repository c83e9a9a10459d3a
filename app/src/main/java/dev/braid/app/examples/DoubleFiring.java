package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code defer-4.py} to {@code defer-7.py}: a Deferred fires once. Each makes
 * {@code d = Deferred(); d.addCallbacks(out, out)} and fires it twice; the
 * second {@code callback} or {@code errback} raises {@code AlreadyCalledError}
 * at its caller, which escapes (a traceback, exit status 1), so "Finished"
 * is never printed.
 */
final class DoubleFiring {
    private DoubleFiring() {
    }

    static int defer4(List<String> args, PrintStream out, PrintStream err) {
        return fireTwice(out, d -> d.callback("First result"), d -> d.callback("Second result"));
    }

    static int defer5(List<String> args, PrintStream out, PrintStream err) {
        return fireTwice(out, d -> d.callback("First result"), d -> d.errback(new Exception("First error")));
    }

    static int defer6(List<String> args, PrintStream out, PrintStream err) {
        return fireTwice(out, d -> d.errback(new Exception("First error")), d -> d.errback(new Exception("Second error")));
    }

    static int defer7(List<String> args, PrintStream out, PrintStream err) {
        return fireTwice(out, d -> d.errback(new Exception("First error")), d -> d.callback("First result"));
    }

    private static int fireTwice(PrintStream out, Consumer<Deferred<String>> first, Consumer<Deferred<String>> second) {
        Deferred<String> d = new Deferred<>();
        d.addCallbacks(s -> print(out, s), s -> print(out, s));
        first.accept(d);
        second.accept(d);          // raises AlreadyCalledError
        out.println("Finished");
        return 0;
    }

    private static Void print(PrintStream out, Object s) {
        out.println(s);
        return null;
    }
}
