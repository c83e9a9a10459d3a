package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Failure API (twisted-spec §2). */
class FailureTest {
    @Test
    void checkReturnsTheFirstMatchingType() {
        Failure f = new Failure(new IllegalArgumentException("bad value"));
        assertEquals(Optional.of(RuntimeException.class), f.check(IOException.class, RuntimeException.class,
                IllegalArgumentException.class));
        assertEquals(Optional.empty(), f.check(IOException.class));
        assertSame(IllegalArgumentException.class, f.type());
    }

    @Test
    void trapRethrowsTheOriginalExceptionEvenWhenChecked() {
        IOException original = new IOException("disk");
        Failure f = new Failure(original);
        IOException thrown = assertThrows(IOException.class, () -> f.trap(IllegalStateException.class));
        assertSame(original, thrown);
        assertSame(IOException.class, f.trap(IOException.class));
    }

    @Test
    void errorMessageIsEmptyWithoutAMessage() {
        assertEquals("", new Failure(new RuntimeException()).getErrorMessage());
        assertEquals("bad", new Failure(new RuntimeException("bad")).getErrorMessage());
    }

    @Test
    void tracebackMarksWhereTheDeferredCaughtIt() {
        Deferred<String> d = new Deferred<>();
        Failure[] caught = new Failure[1];
        d.addCallback(r -> {
            throw new IllegalStateException("E2: raised before write");
        }).addErrback(f -> caught[0] = f);
        d.callback("x");
        String traceback = caught[0].getTraceback();
        assertTrue(traceback.startsWith("java.lang.IllegalStateException: E2: raised before write\n"), traceback);
        int lambda = traceback.indexOf("FailureTest.lambda$tracebackMarksWhereTheDeferredCaughtIt");
        int marker = traceback.indexOf("--- <exception caught here> ---");
        int runner = traceback.indexOf("dev.braid.deferred.Deferred.runCallbacks");
        assertTrue(lambda > 0 && marker > lambda && runner > marker, traceback);
    }

    @Test
    void tracebackNamesASubtaskAndIncludesCauses() {
        Failure f = new Failure(new IllegalStateException("outer", new IOException("inner")), "deferToThread");
        String traceback = f.getTraceback();
        assertTrue(traceback.contains("--- <exception caught here: deferToThread> ---"), traceback);
        assertTrue(traceback.contains("Caused by: java.io.IOException: inner"), traceback);
        assertEquals("[Failure instance: java.lang.IllegalStateException: outer]", f.toString());
    }

    @Test
    void nullIsNotAFailure() {
        assertThrows(NullPointerException.class, () -> new Failure(null));
    }
}
