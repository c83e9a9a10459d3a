package dev.braid.deferred.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.CapturedLog;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.testing.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Service trees: parents, names, and stopping that survives broken children (twisted-spec §9.5). */
class ServiceTreeTest {
    private static final class Named extends BaseService {
        Named(String name) {
            super(name);
        }
    }

    @Test
    void setServiceParentMovesAServiceAndDisownReturnsTheStop() {
        MultiService first = new MultiService("first");
        MultiService second = new MultiService("second");
        Named child = new Named("child");
        child.setServiceParent(first);
        child.setServiceParent(second);
        assertEquals(List.of(), first.services());
        assertEquals(List.of(child), second.services());
        assertSame(second, child.parent().orElseThrow());
        assertNull(Trial.successResultOf(child.disownServiceParent()), "not running: stopped at once");
        assertTrue(child.parent().isEmpty());
        assertThrows(IllegalStateException.class, child::disownServiceParent);
        assertThrows(IllegalArgumentException.class, () -> second.removeService(child));
    }

    @Test
    void aRefusedDuplicateIsLeftWithoutAParent() {
        // Twisted leaves child.parent set on the refused child (a quirk); Braid leaves the child untouched.
        MultiService top = new MultiService();
        new Named("same").setServiceParent(top);
        Named duplicate = new Named("same");
        assertThrows(IllegalStateException.class, () -> duplicate.setServiceParent(top));
        assertTrue(duplicate.parent().isEmpty());
        duplicate.setName("other");
        duplicate.setServiceParent(top);
        assertSame(duplicate, top.getServiceNamed("other"));
        new Named(null).setServiceParent(top);          // unnamed services never clash
        new Named(null).setServiceParent(top);
        assertEquals(4, top.services().size());
    }

    @Test
    void aChildWhoseStopThrowsIsLoggedAndTheOthersStillStop() {
        List<String> stopped = new ArrayList<>();
        MultiService top = new MultiService();
        new BaseService("throws") {
            @Override
            public Deferred<?> stopService() {
                throw new IllegalStateException("cannot stop");
            }
        }.setServiceParent(top);
        new BaseService("fine") {
            @Override
            public Deferred<?> stopService() {
                stopped.add("fine");
                return super.stopService();
            }
        }.setServiceParent(top);
        top.startService();
        List<String> logged = captureLegacyLog(() -> Trial.successResultOf(top.stopService()));
        assertEquals(List.of("fine"), stopped);
        assertFalse(top.isRunning());
        assertEquals(1, logged.size());
        assertTrue(logged.getFirst().startsWith("Error stopping service "), logged.getFirst());
        assertTrue(logged.getFirst().contains("java.lang.IllegalStateException: cannot stop"), logged.getFirst());
    }

    @Test
    void anApplicationKnowsItsUserAndRunsItsTreeOnALoop() {
        Application app = Application.create("poetry", 1000, 1000);
        assertEquals("poetry", app.name());
        assertEquals(OptionalInt.of(1000), app.uid());
        assertEquals("poetry", app.services().name().orElseThrow());
        assertEquals(OptionalInt.empty(), Application.create("plain").gid());
        List<String> events = new CopyOnWriteArrayList<>();
        new BaseService("recorder") {
            @Override
            public void startService() {
                super.startService();
                events.add("started on the loop: " + EventLoop.current().isPresent());
            }

            @Override
            public Deferred<?> stopService() {
                events.add("stopping");
                return super.stopService();
            }
        }.setServiceParent(app.services());
        EventLoop.react(loop -> {
            app.startOn(loop);
            return dev.braid.deferred.Deferreds.succeed(null);
        });
        assertEquals(List.of("started on the loop: true", "stopping"), events);
    }

    @Test
    void logWritesMessagesAndFailuresWithTheirReason() {
        List<String> logged = captureLegacyLog(() -> {
            Log.msg("Poetry server listening");
            Log.err(new IllegalArgumentException("bad poem"), "transform failed");
        });
        assertEquals("Poetry server listening", logged.get(0));
        assertTrue(logged.get(1).startsWith("transform failed\n"), logged.get(1));
        assertTrue(logged.get(1).contains("java.lang.IllegalArgumentException: bad poem"), logged.get(1));
    }

    private static List<String> captureLegacyLog(Runnable action) {
        try (CapturedLog log = new CapturedLog(Log.LEGACY_LOGGER)) {
            action.run();
            return log.messages();
        }
    }
}
