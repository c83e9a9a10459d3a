package dev.braid.app.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ResourceLock("system-properties")
class NativeRuntimeTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void clear() {
        System.clearProperty(NativeRuntime.IMAGE_CODE);
        System.clearProperty("braid.home");
    }

    @Test
    void onAJvmNothingChanges() {
        assertFalse(NativeRuntime.isNative());
        NativeRuntime.prepare(Map.of("BRAID_CLASSPATH", "x.jar"), new PrintStream(err));
        assertNull(System.getProperty("braid.home"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void inANativeImageHomeIsTheExecutablesFolderAndAClassPathIsReported() {
        System.setProperty(NativeRuntime.IMAGE_CODE, "runtime");
        assertTrue(NativeRuntime.isNative());
        NativeRuntime.prepare(Map.of("BRAID_CLASSPATH", "plugin.jar"), new PrintStream(err, true, StandardCharsets.UTF_8));
        Path home = Path.of(System.getProperty("braid.home"));
        // Here the executable is the JVM's java: its folder holds it.
        assertTrue(Files.isExecutable(home.resolve("java")), home.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("BRAID_CLASSPATH is ignored by the native binary"));
    }

    @Test
    void anExplicitHomeStays() {
        System.setProperty(NativeRuntime.IMAGE_CODE, "runtime");
        System.setProperty("braid.home", "/opt/braid");
        NativeRuntime.prepare(Map.of(), new PrintStream(err));
        assertEquals("/opt/braid", System.getProperty("braid.home"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
