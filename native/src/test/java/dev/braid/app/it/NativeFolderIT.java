package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native binary's folder: self-contained, movable, and honest about what it cannot do. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NativeFolderIT {
    @TempDir
    Path dir;

    private static Command.Result run(Path directory, Map<String, String> env, List<String> command) throws Exception {
        return Command.run(directory, env, command);
    }

    @Test
    void theFolderRunsAfterBeingCopiedElsewhereWithNoJdkInSight() throws Exception {
        Path copy = dir.resolve("moved");
        Command.Result copied = run(dir, Map.of(), List.of("cp", "-a", NativeBinary.folder().toString(), copy.toString()));
        assertEquals(0, copied.status(), copied::toString);
        // No JAVA_HOME, a bare PATH: the executable needs only its lib/ folder and libc.
        Command.Result version = run(dir, Map.of("PATH", "/usr/bin:/bin"), List.of(copy.resolve("braid").toString(), "--version"));
        assertEquals(0, version.status(), version::toString);
        assertTrue(version.out().startsWith("braid "), version::toString);
        Command.Result libraries = run(dir, Map.of(), List.of("ldd", copy.resolve("braid").toString()));
        for (String library : List.of("libjava.so", "libnet.so", "libnio.so")) {
            assertTrue(libraries.out().contains(library + " => " + copy.resolve("lib").resolve(library)),
                    library + " from the copied folder:\n" + libraries.out());
        }
        assertFalse(libraries.out().contains("not found"), libraries.out());
    }

    @Test
    void braidHomeIsTheExecutablesFolderSoThePoemsAreFoundFromAnywhere() throws Exception {
        try (ForegroundBraid braid = ForegroundBraid.start(dir, Map.of(), "-n", "--pidfile=", "fastpoetry", "--port=0")) {
            int port = Integer.parseInt(braid.await("fastpoetry starting on (\\d+)"));
            assertEquals(Files.readString(NativeBinary.folder().resolve("etc/poetry/ecstasy.txt")), PoetryIT.fetch(port));
            assertEquals(143, braid.signalAndWait("TERM"));
            NativeBinary.assertNoUnsupportedCall(braid.output());
        }
    }

    @Test
    void aPluginClassPathIsReportedNotSilentlyIgnored() throws Exception {
        BraidBinary.Result help = BraidBinary.run(dir, Map.of("BRAID_CLASSPATH", "/nowhere/plugin.jar"), "--help");
        assertEquals(0, help.status(), help::toString);
        assertTrue(help.err().contains("BRAID_CLASSPATH is ignored by the native binary"), help::toString);
    }

    @Test
    void anUnsupportedCallNamesItselfAndExitsNonZero() throws Exception {
        // libjvm.so's stand-ins for HotSpot functions the image never calls: calling one directly
        // (through Python's ctypes) must print its name and end the process with status 86.
        Path libjvm = NativeBinary.folder().resolve("lib/libjvm.so");
        Command.Result called = run(dir, Map.of(), List.of("python3", "-c",
                "import ctypes; ctypes.CDLL('" + libjvm + "').JVM_GC(); print('went on')"));
        assertEquals(86, called.status(), called::toString);
        assertTrue(called.err().contains(NativeBinary.UNSUPPORTED + " JVM_GC reached"), called::toString);
        assertFalse(called.out().contains("went on"), called::toString);
    }

    /** A short child process run to completion. */
    static final class Command {
        record Result(int status, String out, String err) {
        }

        static Result run(Path directory, Map<String, String> env, List<String> command) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            if (env.containsKey("PATH")) {
                builder.environment().clear();
            }
            builder.environment().putAll(env);
            Path out = Files.createTempFile(directory, "out", ".txt");
            Path err = Files.createTempFile(directory, "err", ".txt");
            java.lang.Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            assertTrue(process.waitFor(BraidBinary.PATIENCE.toSeconds(), TimeUnit.SECONDS), command + " did not end");
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
