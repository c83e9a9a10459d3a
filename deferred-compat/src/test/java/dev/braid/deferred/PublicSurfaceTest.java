package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The public methods of the loop, its builder and the Deferred are their API,
 * nothing more: the machinery Braid's own modules need (idle detection,
 * failed-chain tracking, a Deferred's counters) stays package-private and is
 * reached through {@code dev.braid.deferred.internal}. A method made public
 * here fails this test until it is added to the list on purpose.
 */
class PublicSurfaceTest {
    @Test
    void eventLoopsPublicMethodsAreItsApi() {
        assertEquals(Set.of("addSystemEventTrigger", "builder", "callFromThread", "callLater", "callWhenRunning",
                "create", "current", "execute", "fireSystemEvent", "getDelayedCalls", "inLoopThread", "isRunning",
                "isStopped", "name", "react", "removeSystemEventTrigger", "run", "runningSubtasks", "seconds",
                "stop", "toString"), publicMethods(EventLoop.class));
    }

    @Test
    void theBuildersPublicMethodsAreItsApi() {
        assertEquals(Set.of("build", "name", "subtaskGrace", "subtaskGraceForever"),
                publicMethods(EventLoop.Builder.class));
    }

    @Test
    void deferredsPublicMethodsAreItsApi() {
        assertEquals(Set.of("addBoth", "addCallback", "addCallbackDeferred", "addCallbacks", "addErrback",
                "addTimeout", "callback", "called", "cancel", "chainDeferred", "errback", "getDebugging", "loop",
                "pause", "setDebugging", "toCompletableFuture", "toString", "unpause"), publicMethods(Deferred.class));
    }

    @Test
    void theMachineryIsNotPublic() throws NoSuchMethodException {
        for (String name : Set.of("isIdle", "unhandledFailures", "hasUnhandledFailures", "takeUnhandledFailures",
                "backendName")) {
            assertFalse(Modifier.isPublic(EventLoop.class.getDeclaredMethod(name).getModifiers()), name);
        }
        for (String name : Set.of("pendingCallbackCount", "pausedCount", "currentResult")) {
            assertFalse(Modifier.isPublic(Deferred.class.getDeclaredMethod(name).getModifiers()), name);
        }
    }

    /** The names of the public methods {@code type} declares itself (inherited ones are the supertypes' API). */
    private static Set<String> publicMethods(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                names.add(method.getName());
            }
        }
        return names;
    }
}
