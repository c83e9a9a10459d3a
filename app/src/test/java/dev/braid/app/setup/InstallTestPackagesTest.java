package dev.braid.app.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/install-test-packages --check} (what {@code make test} runs first,
 * without installing): silent when every package is there, one line per
 * missing package and status 1 otherwise, status 2 for a broken list.
 */
@Timeout(60)
class InstallTestPackagesTest {
    private static final Path SCRIPT = Path.of("..", "bin", "install-test-packages").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    private Run check(String list) throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("packages"), list);
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--check");
        builder.environment().put("BRAID_TEST_PACKAGES", file.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(30, TimeUnit.SECONDS));
        return new Run(process.exitValue(), out, err);
    }

    @Test
    void silentWhenEveryPackageIsThere() throws Exception {
        assertEquals(new Run(0, "", ""), check("# a comment\n\nshell   command -v sh\ntrue    true\n"));
    }

    @Test
    void namesEachMissingPackageOnItsOwnLine() throws Exception {
        Run run = check("shell  command -v sh\nbraid-no-such-a  command -v braid-no-such-command\n"
                + "braid-no-such-b  test -x /braid/no/such/file\n");
        assertEquals(1, run.status());
        assertEquals("", run.out());
        assertEquals(List.of("missing test package: braid-no-such-a (not installed: apt-get install braid-no-such-a)",
                "missing test package: braid-no-such-b (not installed: apt-get install braid-no-such-b)"),
                run.err().lines().toList());
    }

    @Test
    void aPackageWithoutItsCheckIsABrokenList() throws Exception {
        Run run = check("lonely\n");
        assertEquals(2, run.status());
        assertEquals(true, run.err().contains("no check for lonely"), run.err());
    }

    @Test
    void theProjectsListIsWellFormed() throws Exception {
        Path list = SCRIPT.getParent().getParent().resolve(".ci/test-packages");
        for (String line : Files.readAllLines(list)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertEquals(true, line.strip().split("\\s+", 2).length == 2, "package and check: " + line);
            }
        }
    }
}
