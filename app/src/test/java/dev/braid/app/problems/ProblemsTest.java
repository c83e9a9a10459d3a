package dev.braid.app.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.app.options.UsageError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Failures in words: messages, never Java class names unless nothing else is known. */
class ProblemsTest {
    @Test
    void theMessageWithoutTheClassName() {
        assertEquals("give only one of --path and --class",
                Problems.describe(new UsageError("give only one of --path and --class")));
        assertEquals("Couldn't listen on 127.0.0.1:80: Address already in use", Problems.describe(
                new UncheckedIOException(new BindException("Couldn't listen on 127.0.0.1:80: Address already in use"))));
        assertEquals("Address already in use", Problems.describe(
                new ExecutionException(new IllegalStateException(new BindException("Address already in use")))),
                "wrappers that only repeat their cause are skipped");
    }

    @Test
    void fileProblemsAreSpelledOut() {
        assertEquals("permission denied: /run/braid.pid", Problems.describe(new AccessDeniedException("/run/braid.pid")));
        assertEquals("no such file or directory: /x", Problems.describe(new IOException(new NoSuchFileException("/x"))));
    }

    @Test
    void aClassNameOnlyWhenNothingElseIsKnown() {
        assertEquals("unexpected NullPointerException (see the log)", Problems.describe(new NullPointerException()));
    }

    @Test
    void theEnvironmentIsToldFromBugs() {
        assertTrue(Problems.fromEnvironment(new UncheckedIOException(new BindException("in use"))));
        assertTrue(Problems.fromEnvironment(new IllegalStateException(new AccessDeniedException("/x"))));
        assertFalse(Problems.fromEnvironment(new IllegalStateException("noise refuses to start")));
    }
}
