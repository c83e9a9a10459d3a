package dev.braid.app.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The binary's command line: help, version, and clear errors for bad input. */
class LauncherCommandLineIT {
    @TempDir
    Path dir;

    @Test
    void versionNeedsNoFlags() throws Exception {
        BraidBinary.Result result = BraidBinary.run(dir, "--version");
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("braid (the Braid daemon) "), result::toString);
        assertTrue(result.err().isEmpty(), "no JVM warnings: " + result);
    }

    @Test
    void aBadOptionPrintsTheUsageAndTheErrorAndExitsTwo() throws Exception {
        BraidBinary.Result result = BraidBinary.run(dir, "--bogus");
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().startsWith("Usage: braid "), result::toString);
        assertTrue(result.err().endsWith("braid: option --bogus not recognized\n"), result::toString);
        assertTrue(result.out().isEmpty());
    }

    @Test
    void helpListsThePluginsOnTheClassPathWithTheirDescriptions() throws Exception {
        Assumptions.assumeFalse(BraidBinary.isNative(), "the native binary loads no plugin jars");
        BraidBinary.Result result = BraidBinary.run(dir,
                java.util.Map.of("BRAID_CLASSPATH", BraidBinary.testPlugins().toString()), "--help");
        assertEquals(0, result.status(), result::toString);
        assertTrue(result.out().startsWith("Usage: braid [options] [PLUGIN [plugin options]]\nOptions:\n"), result::toString);
        assertTrue(result.out().contains("\nCommands:\n"), result::toString);
        assertTrue(result.out().contains("    noise           Logs numbered lines (a test plugin).\n"), result::toString);
        assertTrue(result.out().contains("    port-plugin     Answers each connection"), result::toString);
        assertTrue(result.out().contains("    client          "), result::toString);
    }

    @Test
    void noPluginIsAUsageError() throws Exception {
        BraidBinary.Result result = BraidBinary.run(dir, "-n");
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().endsWith("braid: no plugin or --config given\n"), result::toString);
    }

    @Test
    void aBadUmaskIsAUsageError() throws Exception {
        BraidBinary.Result result = BraidBinary.run(dir, "--umask=999", "-n");
        assertEquals(2, result.status(), result::toString);
        assertTrue(result.err().contains("--umask: '999' is not an octal mask"), result::toString);
    }
}
