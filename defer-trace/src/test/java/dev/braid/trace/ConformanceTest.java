package dev.braid.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays Deferred scripts and requires output byte-identical to what real
 * Twisted 22.4 printed for them: the team's shared cases (when the shared
 * folder is next to the repository) and this repository's own cases, whose
 * expected files were generated with the reference interpreter.
 */
class ConformanceTest {
    /**
     * Where the shared cases live: -Dbraid.shared.cases, $BRAID_SHARED_CASES, or
     * ../shared next to the repository (or next to the folder of worktrees).
     */
    static Path sharedCases() {
        String configured = System.getProperty("braid.shared.cases", System.getenv("BRAID_SHARED_CASES"));
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("").toAbsolutePath().getParent();
        Path besideRepo = root.resolve("../shared/defer-trace/cases").normalize();
        Path besideWorktrees = root.resolve("../../shared/defer-trace/cases").normalize();
        return Files.isDirectory(besideRepo) || !Files.isDirectory(besideWorktrees) ? besideRepo : besideWorktrees;
    }

    @TestFactory
    Stream<DynamicTest> ownCases() throws IOException {
        Path dir = Path.of("src/test/resources/cases");
        List<Path> scripts = scripts(dir);
        assertFalse(scripts.isEmpty(), "no cases in " + dir.toAbsolutePath());
        return withSummary("own", dir, scripts);
    }

    /**
     * The team's shared cases are an extra beside the repository's own: on a
     * fresh clone they are absent, which is said in one line, and nothing
     * fails or is skipped for it.
     */
    @TestFactory
    Stream<DynamicTest> sharedCasesFromTwisted() throws IOException {
        Path dir = sharedCases();
        if (!Files.isDirectory(dir)) {
            System.out.println("Conformance: no shared Twisted cases at " + dir
                    + ", none run (set -Dbraid.shared.cases=DIR to run them)");
            return Stream.empty();
        }
        List<Path> scripts = scripts(dir);
        assertFalse(scripts.isEmpty(), "no cases in " + dir);
        return withSummary("shared", dir, scripts);
    }

    /** The cases, then one test that prints how many ran and passed. */
    private static Stream<DynamicTest> withSummary(String kind, Path dir, List<Path> scripts) {
        AtomicInteger passed = new AtomicInteger();
        Stream<DynamicTest> cases = scripts.stream().map(script -> caseTest(script, passed));
        return Stream.concat(cases, Stream.of(DynamicTest.dynamicTest("summary", () -> {
            System.out.println("Conformance: ran " + scripts.size() + " " + kind + " Twisted cases from "
                    + dir.toAbsolutePath().normalize() + ", " + passed.get() + " byte-identical");
            assertEquals(scripts.size(), passed.get(), "cases that differ from Twisted (see above)");
        })));
    }

    private static List<Path> scripts(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("[0-9].*\\.txt")).sorted().toList();
        }
    }

    private static DynamicTest caseTest(Path script, AtomicInteger passed) {
        return DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            String name = script.getFileName().toString();
            Path expected = script.resolveSibling(name.substring(0, name.length() - 4) + ".expected");
            assertEquals(Files.readString(expected, StandardCharsets.UTF_8),
                    run(Files.readString(script, StandardCharsets.UTF_8)).output(), "trace of " + script);
            passed.incrementAndGet();
        });
    }

    /** Output and exit status of one in-process run. */
    record Run(String output, int status) {
    }

    static Run run(String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = DeferTrace.run(script, out);
        return new Run(bytes.toString(StandardCharsets.UTF_8), status);
    }
}
