package dev.braid.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command itself, as a real process: output, exit statuses, and bad input. */
class CommandTest {
    private static final Path COMMAND = Path.of("").toAbsolutePath().getParent().resolve("bin/defer-trace");

    private record Result(int status, String stdout) {
    }

    private static Result runCommand(String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(COMMAND.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "defer-trace did not exit");
        return new Result(process.exitValue(), out);
    }

    @Test
    void runsAScriptAndExitsZero() throws Exception {
        Result result = runCommand("d = succeed 5\nd addCallback c1 return six\n");
        assertEquals(0, result.status());
        assertEquals("""
                > d = succeed 5
                > d addCallback c1 return six
                  d cb c1(5) -> return 'six'
                # final
                  d called=True paused=0 callbacks=0 result='six'
                """, result.stdout());
    }

    @Test
    void syntaxErrorExitsTwoAndStops() throws Exception {
        Result result = runCommand("d = Deferred\nd frobnicate\nd callback 1\n");
        assertEquals(2, result.status());
        assertEquals("> d = Deferred\nSYNTAX ERROR line 2\n", result.stdout());
    }

    @Test
    void emptyInputPrintsOnlyTheFinalSection() throws Exception {
        Result result = runCommand("");
        assertEquals(0, result.status());
        assertEquals("# final\n", result.stdout());
    }

    @Test
    void binaryGarbageIsASyntaxError() throws Exception {
        Result result = runCommand("\u0000\u0001 = Deferred\n");
        assertEquals(2, result.status());
        assertEquals("SYNTAX ERROR line 1\n", result.stdout());
    }
}
