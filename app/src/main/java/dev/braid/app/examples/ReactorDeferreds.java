package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code defer-8.py} and {@code defer-9.py}: a Deferred fired by the reactor
 * once it runs; the chain stops the reactor, from both halves of the pair
 * (8) or from one {@code addBoth} (9). Braid's reactor is an
 * {@link EventLoop}.
 */
final class ReactorDeferreds {
    private ReactorDeferreds() {
    }

    static int defer8(List<String> args, PrintStream out, PrintStream err) {
        EventLoop reactor = EventLoop.create("reactor");
        Deferred<String> d = new Deferred<>();

        d.addCallbacks(poem -> {
            out.println(poem);
            reactor.stop();
            return null;
        }, failure -> {
            poemFailed(err, failure);
            reactor.stop();
            return null;
        });

        reactor.callWhenRunning(() -> d.callback("Another short poem."));
        reactor.run();
        return 0;
    }

    static int defer9(List<String> args, PrintStream out, PrintStream err) {
        EventLoop reactor = EventLoop.create("reactor");
        Deferred<String> d = new Deferred<>();

        d.addCallbacks(poem -> {
            out.println(poem);
            return null;
        }, failure -> poemFailed(err, failure));
        d.addBoth(ignored -> {          // poem_done
            reactor.stop();
            return null;
        });

        reactor.callWhenRunning(() -> d.callback("Another short poem."));
        reactor.run();
        return 0;
    }

    private static Void poemFailed(PrintStream err, Failure failure) {
        err.println("poem download failed");
        err.println("I am terribly sorry");
        err.println("try again later?");
        return null;
    }
}
