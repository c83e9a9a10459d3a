package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.tcp.poetry.MultiPoetryClient.Server;
import java.io.PrintStream;
import java.io.Serial;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * {@code twisted-client-5/get-poetry.py}, the Get Poetry Now! client 5.0:
 * each poem goes through {@code cummingsify}, which at random returns the
 * poem in lower case, raises {@code GibberishError} (the download is then
 * reported as failed), or raises a {@code ValueError} — a bug, caught in
 * {@code try_to_cummingsify}, which keeps the original poem.
 *
 * <p>The Python 3 version of the tutorial prints the original poem's bytes
 * ({@code b'...'}) in that last case; this one prints the poem.
 */
final class CummingsifyClient {
    private CummingsifyClient() {
    }

    /** The poem is gibberish. */
    static final class GibberishError extends Exception {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** What {@code random.choice([success, gibberish, bug])} picks. */
    static final int SUCCESS = 0;
    static final int GIBBERISH = 1;
    static final int BUG = 2;

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, () -> ThreadLocalRandom.current().nextInt(3));
    }

    /** Runs with {@code choice} deciding each cummingsify (tests pick the branches). */
    static int run(List<String> args, PrintStream out, PrintStream err, IntSupplier choice) {
        List<Server> addresses = ExampleArgs.addresses(args);
        EventLoop reactor = EventLoop.create("reactor");
        int[] poems = {0};
        int[] errors = {0};
        reactor.callWhenRunning(() -> {
            for (Server address : addresses) {
                Deferred<String> d = PoetryStacks.getPoetry(address.host(), address.port());
                d.addCallback(poem -> {                       // try_to_cummingsify
                    try {
                        return cummingsify(poem, choice);
                    } catch (GibberishError e) {
                        throw e;
                    } catch (Exception e) {
                        out.println("Cummingsify failed!");
                        return poem;
                    }
                });
                d.addCallbacks(poem -> {                      // got_poem
                    out.println(poem);
                    poems[0]++;
                    return null;
                }, failure -> {                               // poem_failed
                    err.println("The poem download failed.");
                    errors[0]++;
                    return null;
                });
                d.addBoth(ignored -> {                        // poem_done
                    if (poems[0] + errors[0] == addresses.size()) {
                        reactor.stop();
                    }
                    return null;
                });
            }
        });
        reactor.run();
        return 0;
    }

    /**
     * Randomly does one of the following: returns a cummingsified version of
     * the poem; raises a GibberishError; raises a ValueError (a bug).
     */
    static String cummingsify(String poem, IntSupplier choice) throws GibberishError {
        return switch (choice.getAsInt()) {
            case SUCCESS -> poem.toLowerCase(Locale.ROOT);
            case GIBBERISH -> throw new GibberishError();
            default -> throw new IllegalArgumentException();   // Python's ValueError
        };
    }
}
