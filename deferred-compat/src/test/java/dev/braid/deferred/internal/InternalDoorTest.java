package dev.braid.deferred.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.internal.access.Accessors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The internal door reaches the loop's and the Deferred's machinery from
 * outside their package, as web-routes, tcp-services and defer-trace do, and
 * nobody can swap what stands behind it.
 */
@Timeout(30)
class InternalDoorTest {
    @Test
    void anIdleListenerSetThroughTheDoorTakesTheLoopsUnhandledFailures() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventLoop.Builder builder = EventLoop.builder().name("door");
        assertSame(builder, LoopInternals.onIdle(builder, loop -> {
            seen.add("idle " + LoopInternals.isIdle(loop) + " " + LoopInternals.hasUnhandledFailures(loop));
            seen.add(messages(LoopInternals.unhandledFailures(loop)));
            seen.add(messages(LoopInternals.takeUnhandledFailures(loop)));
            seen.add(messages(LoopInternals.unhandledFailures(loop)));
            loop.stop();
        }));
        assertSame(builder, LoopInternals.onFirstWait(builder, () -> seen.add("never: the loop stops first")));
        EventLoop loop = builder.build();
        loop.callWhenRunning(() -> Deferreds.fail(new IllegalStateException("nobody handles this")));
        loop.run();
        assertEquals(List.of("idle true true", "[nobody handles this]", "[nobody handles this]", "[]"), seen);
    }

    @Test
    void aLoopTracksFailuresOnlyWhenAskedAndUpToItsCap() {
        EventLoop plain = EventLoop.create("plain");
        EventLoop capped = LoopInternals.maxTrackedFailures(
                LoopInternals.trackUnhandledFailures(EventLoop.builder().name("capped"), true), 1).build();
        for (EventLoop loop : List.of(plain, capped)) {
            loop.callWhenRunning(() -> {
                Deferreds.fail(new IllegalStateException("first"));
                Deferreds.fail(new IllegalStateException("second"));
                loop.stop();
            });
            loop.run();
        }
        assertEquals("[]", messages(LoopInternals.takeUnhandledFailures(plain)));
        assertEquals("[second]", messages(LoopInternals.takeUnhandledFailures(capped)));
        assertThrows(IllegalArgumentException.class,
                () -> LoopInternals.maxTrackedFailures(EventLoop.builder(), 0));
    }

    @Test
    void postingRacesTheLoopsEndWithoutThrowing() {
        EventLoop loop = EventLoop.create("racer");
        List<String> seen = new CopyOnWriteArrayList<>();
        assertTrue(LoopInternals.tryCallFromThread(loop, () -> seen.add("posted before run")));
        loop.callWhenRunning(loop::stop);
        assertTrue(LoopInternals.backendName(loop).isEmpty(), "no backend before run");
        loop.run();
        assertFalse(LoopInternals.tryCallFromThread(loop, () -> seen.add("never")));
        assertEquals(List.of("posted before run"), seen);
        String backend = LoopInternals.backendName(loop).orElseThrow();
        assertEquals("EventLoop[racer, STOPPED, " + backend + " subtasks]", loop.toString());
    }

    @Test
    void aComponentIsMadeOncePerLoop() {
        EventLoop.react(loop -> {
            StringBuilder first = LoopInternals.component(loop, StringBuilder.class, StringBuilder::new);
            assertSame(first, LoopInternals.component(loop, StringBuilder.class, () -> new StringBuilder("other")));
            return Deferreds.succeed(null);
        });
    }

    @Test
    void aDeferredsStateIsReadable() {
        Deferred<String> inner = new Deferred<>();
        Deferred<String> outer = Deferreds.succeed("outer");
        assertNull(DeferredInternals.currentResult(inner));
        outer.addCallbackDeferred(ignored -> inner);
        outer.addCallback(value -> value);
        assertSame(inner, DeferredInternals.currentResult(outer));
        assertEquals(1, DeferredInternals.pausedCount(outer));
        assertEquals(1, DeferredInternals.pendingCallbackCount(outer));
        inner.callback("inner");
        assertEquals("inner", DeferredInternals.currentResult(outer));
        assertEquals(0, DeferredInternals.pausedCount(outer));
        assertEquals(0, DeferredInternals.pendingCallbackCount(outer));
    }

    @Test
    void theAccessorsAreInstalledOnceAndCannotBeReplaced() {
        assertThrows(IllegalStateException.class, () -> Accessors.installLoopAccess(Accessors.loopAccess()));
        assertThrows(IllegalStateException.class, () -> Accessors.installDeferredAccess(Accessors.deferredAccess()));
        assertThrows(NullPointerException.class, () -> Accessors.installLoopAccess(null));
    }

    private static String messages(List<Failure> failures) {
        return failures.stream().map(Failure::getErrorMessage).toList().toString();
    }
}
