package dev.braid.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code braid example}: the list, running one, and every way to get it wrong. */
@Timeout(60)
class ExampleCommandsTest {
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ExampleCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryExampleWithItsTutorialFile() {
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: braid example NAME [arguments]\n"), help.out());
        assertTrue(help.out().contains("    defer-1 "), help.out());
        assertTrue(help.out().contains("(twisted-client-5/get-poetry.py)"), help.out());
        Run none = run();
        assertEquals(Launcher.USAGE, none.status());
        assertEquals(help.out(), none.err(), "without a name: the list, on stderr");
    }

    @Test
    void runsAnExample() {
        Run run = run("defer-1");
        assertEquals(new Run(0, "Your poem is served:\nThis poem is short.\nFinished\n", ""), run);
    }

    @Test
    void anExceptionTheExampleLetsEscapeIsATracebackAndStatusOne() {
        Run run = run("defer-4");
        assertEquals(1, run.status());
        assertEquals("First result\n", run.out());
        assertTrue(run.err().startsWith("dev.braid.deferred.AlreadyCalledError\n\tat "), run.err());
    }

    @Test
    void badNamesAndArgumentsAreUsageErrors() {
        Run unknown = run("defer-99");
        assertEquals(new Run(Launcher.USAGE, "",
                "braid example: unknown example 'defer-99' (braid example --help lists them)\n"), unknown);
        Run noServer = run("get-poetry-5");
        assertEquals(new Run(Launcher.USAGE, "",
                "braid example get-poetry-5: give the poetry servers: [hostname]:port ...\n"), noServer);
        Run badServer = run("get-poetry-stack", "nowhere");
        assertEquals(new Run(Launcher.USAGE, "",
                "braid example get-poetry-stack: not a server address (HOST:PORT or PORT): nowhere\n"), badServer);
    }
}
