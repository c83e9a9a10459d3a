package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.testing.Trial;
import java.util.function.Function;

/**
 * {@link Trial#runDeferred} for flows: the test's Deferred is answered a
 * millisecond after it fires, so that the loop's cooperator has taken its
 * last tick (scheduled 1e-8 s ahead) before Trial checks the loop is clean.
 */
final class FlowTrial {
    private FlowTrial() {
    }

    static <T> T run(Function<EventLoop, Deferred<T>> body) {
        return Trial.runDeferred(loop -> body.apply(loop)
                .addCallbackDeferred(result -> Deferreds.deferLater(loop, 0.001, () -> result)));
    }
}
