package dev.braid.deferred.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MultiServiceTest {
    /** Records start and stop; its stop waits for a Deferred the test fires. */
    private static final class Recorder extends BaseService {
        final List<String> log;
        final Deferred<Void> stopped = new Deferred<>();

        Recorder(String name, List<String> log) {
            super(name);
            this.log = log;
        }

        @Override
        public void privilegedStartService() {
            log.add("privileged " + name().orElseThrow());
        }

        @Override
        public void startService() {
            super.startService();
            log.add("start " + name().orElseThrow());
        }

        @Override
        public Deferred<?> stopService() {
            super.stopService();
            log.add("stop " + name().orElseThrow());
            return stopped;
        }
    }

    @Test
    void startsInOrderAndStopsInReverseWaitingForAll() {
        List<String> log = new ArrayList<>();
        MultiService top = new MultiService();
        Recorder a = new Recorder("a", log);
        Recorder b = new Recorder("b", log);
        a.setServiceParent(top);
        b.setServiceParent(top);
        top.privilegedStartService();
        top.startService();
        Deferred<?> stopping = top.stopService();
        assertEquals(List.of("privileged a", "privileged b", "start a", "start b", "stop b", "stop a"), log);
        assertFalse(stopping.called());
        b.stopped.callback(null);
        assertFalse(stopping.called());
        a.stopped.errback(new IllegalStateException("a failed to stop"));  // logged, does not abort
        assertTrue(stopping.called());
        assertFalse(a.isRunning());
    }

    @Test
    void duplicateNamesRaiseAndLookupWorks() {
        MultiService top = new MultiService();
        Recorder a = new Recorder("a", new ArrayList<>());
        a.setServiceParent(top);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Recorder("a", new ArrayList<>()).setServiceParent(top));
        assertEquals("cannot have two services with same name 'a'", e.getMessage());
        assertSame(a, top.getServiceNamed("a"));
        assertThrows(NoSuchElementException.class, () -> top.getServiceNamed("zz"));
        assertThrows(IllegalStateException.class, () -> a.setName("b"));
    }

    @Test
    void addingToRunningParentStartsAndDisowningStops() {
        List<String> log = new ArrayList<>();
        MultiService top = new MultiService();
        top.startService();
        Recorder late = new Recorder("late", log);
        late.setServiceParent(top);
        assertEquals(List.of("privileged late", "start late"), log);
        Deferred<?> d = late.disownServiceParent();
        assertEquals("stop late", log.getLast());
        assertFalse(d.called());
        late.stopped.callback(null);
        assertTrue(d.called());
        assertTrue(late.parent().isEmpty());
    }

    @Test
    void applicationStopsServicesWhenTheLoopStops() {
        List<String> log = new ArrayList<>();
        Application app = Application.create("test");
        Recorder a = new Recorder("a", log);
        a.setServiceParent(app.services());
        EventLoop loop = EventLoop.create("app");
        loop.callWhenRunning(() -> {
            app.startOn(loop);
            loop.stop();
            Deferreds.deferLater(loop, 0.01, () -> null).addCallback(x -> {
                log.add("still running while stopping");
                a.stopped.callback(null);
                return null;
            });
        });
        loop.run();
        assertEquals(List.of("privileged a", "start a", "stop a", "still running while stopping"), log);
    }
}
