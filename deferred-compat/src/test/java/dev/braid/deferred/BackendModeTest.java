package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.braid.deferred.testing.Trial;
import org.junit.jupiter.api.Test;

/**
 * The suite runs twice: with --enable-preview (StructuredTaskScope) and
 * without it (plain virtual threads). This says which one ran.
 */
class BackendModeTest {
    @Test
    void theExpectedBackendIsActive() {
        String expected = System.getProperty("braid.expect.backend", "structured");
        String actual = Trial.runDeferred(loop -> Deferreds.succeed(loop.backendName().orElseThrow()));
        assertEquals(expected, actual);
        System.out.println("subtask backend: " + actual);
    }
}
