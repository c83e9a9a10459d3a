package dev.braid.app.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built {@code braid} binary (app/target/braid/bin/braid), run as a child
 * process by the integration tests. Failsafe passes its location in the
 * {@code braid.image} system property.
 */
final class BraidBinary {
    /** Generous bound for anything the binary must do: start, stop, answer. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private BraidBinary() {
    }

    static Path image() {
        String image = System.getProperty("braid.image");
        assertTrue(image != null, "run through failsafe: the braid.image property is missing");
        Path path = Path.of(image);
        assertTrue(Files.isExecutable(path.resolve("bin/braid")), "no braid binary in " + path + ": run mvn package");
        return path;
    }

    /** True when the binary under test is the native executable (the native module's tests). */
    static boolean isNative() {
        return Boolean.getBoolean("braid.native.binary");
    }

    static Path executable() {
        return image().resolve("bin/braid");
    }

    /** The jar of test plugins (a third-party plugin jar, for BRAID_CLASSPATH). */
    static Path testPlugins() {
        Path jar = Path.of(System.getProperty("braid.testPlugins", ""));
        assertTrue(Files.isRegularFile(jar), "no test plugin jar at " + jar);
        return jar;
    }

    /** The repository's etc/ folder. */
    static Path etc() {
        return Path.of(System.getProperty("braid.etc", "../etc")).toAbsolutePath().normalize();
    }

    static ProcessBuilder builder(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("BRAID_CLASSPATH");
        environment.remove("BRAID_JAVA_OPTIONS");
        return builder;
    }

    /** Runs the binary to completion and returns what it printed. */
    static Result run(Path directory, Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(directory, args);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(directory, "out", ".txt");
        Path err = Files.createTempFile(directory, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process = builder.start();
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("braid " + String.join(" ", args) + " did not finish in " + PATIENCE);
        }
        Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), process.pid());
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    static Result run(Path directory, String... args) throws IOException, InterruptedException {
        return run(directory, new HashMap<>(), args);
    }

    /** What a finished run printed. */
    record Result(int status, String out, String err, long pid) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
