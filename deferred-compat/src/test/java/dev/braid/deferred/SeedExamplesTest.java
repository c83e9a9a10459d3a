package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Handling more than one Request" example of the cooperative-flows
 * tutorial: two requests advance one step at a time with callLater, so their
 * output interleaves on one loop; then the same with a DeferredList that stops
 * the loop when both are done.
 */
class SeedExamplesTest {
    /** A request that does its work in steps, giving the loop back after each one. */
    static final class Request {
        private final String name;
        private final int steps;
        private final List<String> out;
        private final Deferred<String> done = new Deferred<>();
        private int step;

        Request(String name, int steps, List<String> out) {
            this.name = name;
            this.steps = steps;
            this.out = out;
        }

        Deferred<String> start(EventLoop loop) {
            next(loop);
            return done;
        }

        private void next(EventLoop loop) {
            if (step == steps) {
                done.callback(name + " finished");
                return;
            }
            step++;
            out.add(name + " step " + step);
            loop.callLater(0, () -> next(loop));
        }
    }

    @Test
    void twoRequestsInterleaveWithCallLater() {
        List<String> out = new ArrayList<>();
        EventLoop loop = EventLoop.create("tutorial");
        loop.callWhenRunning(() -> {
            new Request("James", 3, out).start(loop);
            new Request("Wendy", 3, out).start(loop);
            loop.callLater(0.05, loop::stop);
        });
        loop.run();
        assertEquals(List.of("James step 1", "Wendy step 1", "James step 2", "Wendy step 2",
                "James step 3", "Wendy step 3"), out);
    }

    @Test
    void aDeferredListStopsTheLoopWhenBothAreDone() {
        List<String> out = new ArrayList<>();
        EventLoop loop = EventLoop.create("tutorial");
        loop.callWhenRunning(() -> DeferredList.of(List.of(
                new Request("James", 2, out).start(loop),
                new Request("Wendy", 3, out).start(loop))).addCallback(outcomes -> {
                    outcomes.forEach(outcome -> out.add(outcome.value()));
                    loop.stop();
                    return null;
                }));
        loop.run();
        assertEquals(List.of("James step 1", "Wendy step 1", "James step 2", "Wendy step 2", "Wendy step 3",
                "James finished", "Wendy finished"), out);
    }
}
