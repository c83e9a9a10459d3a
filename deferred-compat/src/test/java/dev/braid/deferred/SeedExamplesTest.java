package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.task.Cooperator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Background" examples of Twisted's cooperative-flows tutorial
 * (doc/howto/flow.xhtml): two requests whose steps are queued with
 * {@code callLater(0)}, so that their output interleaves on one loop. The
 * expected lines are what real Twisted 22.4 prints for the same program
 * ({@code print(self.name, ": Step One")}).
 */
class SeedExamplesTest {
    private static final List<String> TWISTED_OUTPUT = List.of(
            "James : Step One", "Wendy : Step One", "James : Step Two", "Wendy : Step Two");

    /** The tutorial's Request: each step schedules the next one and gives the loop back. */
    static final class Request {
        private final String name;
        private final ReactorTime reactor;
        private final List<String> out;
        final Deferred<Void> d = new Deferred<>();

        Request(String name, ReactorTime reactor, List<String> out) {
            this.name = name;
            this.reactor = reactor;
            this.out = out;
            reactor.callLater(0, this::stepOne);
        }

        private void stepOne() {
            out.add(name + " : Step One");
            reactor.callLater(0, this::stepTwo);
        }

        private void stepTwo() {
            out.add(name + " : Step Two");
            reactor.callLater(0, this::stepDone);
        }

        private void stepDone() {
            d.callback(null);   // notify callback that we are done
        }
    }

    @Test
    void handlingMoreThanOneRequestWithAHardCodedStop() {
        // The tutorial stops its reactor after one second; on a Clock that second passes at once.
        Clock reactor = new Clock();
        List<String> out = new ArrayList<>();
        boolean[] stopped = {false};
        new Request("James", reactor, out);
        new Request("Wendy", reactor, out);
        reactor.callLater(1, () -> stopped[0] = true);
        reactor.advance(1);
        assertEquals(TWISTED_OUTPUT, out);
        assertTrue(stopped[0]);
    }

    @Test
    void deferredCallbacksStopTheLoopWhenBothRequestsAreDone() {
        List<String> out = new ArrayList<>();
        EventLoop reactor = EventLoop.create("tutorial");
        reactor.callWhenRunning(() -> {
            Request james = new Request("James", reactor, out);
            Request wendy = new Request("Wendy", reactor, out);
            // start and shut down the event loop
            DeferredList.of(List.of(james.d, wendy.d)).addCallback(ignored -> {
                reactor.stop();
                return null;
            });
        });
        reactor.run();
        assertEquals(TWISTED_OUTPUT, out);
    }

    @Test
    void theSameRequestsAsIteratorsOnTheLoopsCooperator() {
        // The tutorial's flow.Deferred version: a request is a series of steps handed to a cooperator.
        List<String> out = new ArrayList<>();
        EventLoop.react(reactor -> DeferredList.of(List.of(
                Cooperator.coiterate(request("James", out)),
                Cooperator.coiterate(request("Wendy", out)))));
        assertEquals(TWISTED_OUTPUT, out);
    }

    private static Iterator<Object> request(String name, List<String> out) {
        return List.<Runnable>of(() -> out.add(name + " : Step One"), () -> out.add(name + " : Step Two"))
                .stream().map(step -> {
                    step.run();
                    return (Object) name;
                }).iterator();
    }
}
