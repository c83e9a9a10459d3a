package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function's result type must match the Deferred it goes into: javac refuses
 * {@code Deferred<String> d = lock.run(() -> 42)}. Each line is compiled
 * against this library as a user's code would be.
 */
@Timeout(120)
class TypeSafeSignaturesTest {
    @TempDir
    Path dir;

    /** Compiles {@code statement} in a method that has a loop at hand; returns javac's diagnostics, empty when it compiled. */
    private String compile(String statement) throws IOException {
        Path source = dir.resolve("UserCode.java");
        Files.writeString(source, """
                import dev.braid.deferred.*;
                class UserCode {
                    void use(EventLoop loop) {
                        %s
                    }
                }
                """.formatted(statement));
        return UserBuild.compile(dir, UserBuild.onClassPath(), source);
    }

    private void refused(String statement) throws IOException {
        String diagnostics = compile(statement);
        assertTrue(diagnostics.contains("incompatible types") || diagnostics.contains("cannot be converted")
                || diagnostics.contains("inference variable"), statement + " compiled, or failed otherwise: " + diagnostics);
    }

    @Test
    void wellTypedCallsCompile() throws IOException {
        assertEquals("", compile("""
                Deferred<Integer> a = new DeferredLock().run(() -> 42);
                Deferred<String> b = new DeferredLock().runDeferred(() -> Deferreds.succeed("x"));
                Deferred<Integer> c = new DeferredSemaphore(2).run(() -> 42);
                Deferred<String> d = new DeferredSemaphore(2).runDeferred(() -> Deferreds.succeed("x"));
                Deferred<Integer> e = Deferreds.maybeDeferred(() -> 42);
                Deferred<String> f = Deferreds.callDeferred(() -> Deferreds.succeed("x"));
                Integer g = Threads.blockingCallFromThread(loop, () -> 42);
                String h = Threads.blockingCallFromThreadDeferred(loop, () -> Deferreds.succeed("x"));
                """));
    }

    @Test
    void aLocksWorkOfAnotherTypeIsRefused() throws IOException {
        refused("Deferred<String> d = new DeferredLock().run(() -> 42);");
        refused("Deferred<String> d = new DeferredLock().runDeferred(() -> Deferreds.succeed(42));");
    }

    @Test
    void aSemaphoresWorkOfAnotherTypeIsRefused() throws IOException {
        refused("Deferred<String> d = new DeferredSemaphore(1).run(() -> 42);");
        refused("Deferred<String> d = new DeferredSemaphore(1).runDeferred(() -> Deferreds.succeed(42));");
    }

    @Test
    void maybeDeferredOfAnotherTypeIsRefused() throws IOException {
        refused("Deferred<String> d = Deferreds.maybeDeferred(() -> 42);");
        refused("Deferred<String> d = Deferreds.callDeferred(() -> Deferreds.succeed(42));");
    }

    @Test
    void blockingCallFromThreadOfAnotherTypeIsRefused() throws IOException {
        refused("String s = Threads.blockingCallFromThread(loop, () -> 42);");
        refused("String s = Threads.blockingCallFromThreadDeferred(loop, () -> Deferreds.succeed(42));");
    }
}
