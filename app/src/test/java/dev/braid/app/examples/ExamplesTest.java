package dev.braid.app.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.service.MultiService;
import dev.braid.tcp.TCPServer;
import dev.braid.tcp.poetry.PoetryServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each example against what the tutorial's Python original printed under
 * Twisted 22.4 ({@code src/test/resources/tutorial}). Standard output must be
 * the same bytes, but for the one thing Java prints differently on purpose: a
 * Failure's text ({@link #inJava}). Tracebacks cannot be the same, so for them
 * the exception, the exit status and the shape of the stack are compared.
 */
@Timeout(120)
class ExamplesTest {
    static final String POEM = "A Short Poem\nIn Two Lines\n";

    @TempDir
    Path dir;

    /** What one run printed. */
    record Run(int status, String out, String err) {
    }

    static Run run(Example.Program program, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            try {
                status = program.run(List.of(args), o, e);
            } catch (Exception escaped) {        // what `braid example` does with it
                escaped.printStackTrace(e);
                status = 1;
            }
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String name, String... args) throws Exception {
        return run(Examples.find(name).orElseThrow().program(), args);
    }

    static String twisted(String file) throws IOException {
        try (InputStream in = ExamplesTest.class.getResourceAsStream("/tutorial/" + file)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final Pattern PYTHON_FAILURE = Pattern.compile(
            "\\[Failure instance: Traceback \\(failure with no frames\\): <class '(?:builtins\\.)?(\\w+)'>: (.*)\n]");

    /**
     * Twisted's text for a Failure, as Braid writes it: {@code [Failure instance:
     * Traceback (failure with no frames): <class 'Exception'>: boom\n]} is
     * {@code [Failure instance: java.lang.Exception: boom]}, and the class of a
     * Failure is {@code dev.braid.deferred.Failure}.
     */
    static String inJava(String pythonOutput) {
        Matcher failure = PYTHON_FAILURE.matcher(pythonOutput);
        String java = failure.replaceAll("[Failure instance: java.lang.$1: $2]");
        return java.replace("<class 'twisted.python.failure.Failure'>", "class dev.braid.deferred.Failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"defer-1", "defer-2", "defer-3", "defer-8", "defer-9", "defer-10", "defer-11"})
    void printsWhatTheTutorialPrints(String name) throws Exception {
        Run run = run(name);
        assertEquals(inJava(twisted(name + ".out")), run.out(), name);
        assertEquals(twisted(name + ".err"), run.err(), name);
        assertEquals(0, run.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"defer-4", "defer-5", "defer-6", "defer-7"})
    void firingTwiceEscapesAsAlreadyCalledErrorAfterTheSameOutput(String name) throws Exception {
        Run run = run(name);
        assertEquals(inJava(twisted(name + ".out")), run.out(), name);
        assertEquals(1, run.status(), "Python exits 1 with the traceback");
        String python = lastLine(twisted(name + ".err"));
        assertEquals("twisted.internet.defer.AlreadyCalledError", python);
        assertEquals("dev.braid.deferred.AlreadyCalledError", run.err().lines().findFirst().orElseThrow(), run.err());
    }

    @Test
    void anUnhandledFailureIsReportedWhenTheDeferredIsCollected() throws Exception {
        Run run = run("defer-unhandled");
        assertEquals(twisted("defer-unhandled.out"), run.out());
        String python = twisted("defer-unhandled.err");
        assertEquals("Unhandled error in Deferred:", python.lines().findFirst().orElseThrow());
        assertEquals("Unhandled error in Deferred:", run.err().lines().findFirst().orElseThrow(), run.err());
        assertEquals("builtins.Exception: oops", lastLine(python));
        assertTrue(run.err().contains("java.lang.Exception: oops"), run.err());
        assertTrue(python.contains("--- <exception caught here> ---"));
        assertTrue(run.err().contains("--- <exception caught here> ---"), run.err());
    }

    @Test
    void aBlockingCallbackHoldsUpTheReactorInTheSameOrder() throws Exception {
        Run run = run("defer-block", "--fast");
        assertEquals(twisted("defer-block.out"), run.out());
        assertEquals(0, run.status());
    }

    @Test
    void failuresMadeByHandKeepTheExceptionAndWhereItWasCaught() throws Exception {
        Run run = run("failure-examples");
        List<String> python = twisted("failure-examples.out").lines().toList();
        List<String> java = run.out().lines().toList();
        // The lines around the Failures are the same; each Failure names the error.
        // Python's Failure text takes two lines ("...: " then "]"), Braid's one.
        assertEquals(python.subList(0, 2), java.subList(0, 2));
        assertEquals(python.subList(4, 8), java.subList(3, 7));
        assertTrue(python.get(2).contains("RhymeSchemeViolation"));
        for (int line : new int[] {2, 7}) {
            assertTrue(java.get(line).matches("\\[Failure instance: .*RhymeSchemeViolation]"), run.out());
        }
        // The caught one saved its traceback: Python's ends in analyze_poem, Java's starts there.
        assertTrue(python.get(python.size() - 2).endsWith(":analyze_poem"), python.toString());
        assertTrue(java.get(8).endsWith("RhymeSchemeViolation"), run.out());
        assertTrue(java.get(9).contains("FailureExamples.analyzePoem("), run.out());
    }

    // ------------------------------------------------------------------ poetry clients

    private int poetryServer() throws IOException {
        MultiService server = PoetryServices.fastPoetry(0, "127.0.0.1", Files.writeString(dir.resolve("poem.txt"), POEM));
        server.privilegedStartService();
        server.startService();
        return server.services().stream().filter(TCPServer.class::isInstance).map(TCPServer.class::cast)
                .findFirst().orElseThrow().listeningPort().orElseThrow().port();
    }

    /** The functions of a printed stack, outermost first: Python's "in NAME", Java's "in CLASS.METHOD". */
    private static List<String> functions(String stack) {
        return stack.lines().filter(line -> line.startsWith("  File "))
                .map(line -> line.substring(line.lastIndexOf(", in ") + 5)).toList();
    }

    @Test
    void clientTwoPrintsTheStackOfDataReceivedUnderTheReactorLoop() throws Exception {
        List<String> python = functions(twisted("get-poetry-stack.err"));
        assertEquals("<module>", python.getFirst());
        assertEquals("dataReceived", python.getLast());
        assertTrue(python.indexOf("run") < python.indexOf("mainLoop"));

        Run run = run("get-poetry-stack", Integer.toString(poetryServer()));
        assertEquals(0, run.status(), run.toString());
        List<String> java = functions(run.err());
        assertTrue(java.getLast().endsWith(".dataReceived"), run.err());
        assertTrue(java.getLast().startsWith(PoetryStacks.class.getName()), run.err());
        int loopRun = java.indexOf("dev.braid.deferred.EventLoop.run");
        int mainLoop = java.indexOf("dev.braid.deferred.EventLoop.mainLoop");
        assertTrue(loopRun >= 0 && loopRun < mainLoop && mainLoop < java.size() - 1,
                "the connection's loop calls dataReceived, as the reactor's does:\n" + run.err());
        assertEquals("", run.out());
    }

    @Test
    void clientFourPrintsTheStackOfTheCallbackUnderTheDeferredAndTheLoop() throws Exception {
        List<String> python = functions(twisted("get-poetry-stack-4.err"));
        assertEquals("got_poem", python.getLast());
        assertTrue(python.contains("_runCallbacks") && python.contains("mainLoop"));

        Run run = run("get-poetry-stack-4", Integer.toString(poetryServer()));
        assertEquals(0, run.status(), run.toString());
        List<String> java = functions(run.err());
        assertTrue(java.getLast().startsWith(PoetryStacks.class.getName() + ".lambda$clientFour$"), run.err());
        assertTrue(java.contains("dev.braid.deferred.Deferred.runCallbacks"), run.err());
        assertTrue(java.indexOf("dev.braid.deferred.EventLoop.mainLoop") < java.indexOf(
                "dev.braid.deferred.Deferred.runCallbacks"), run.err());
    }

    @Test
    void clientFiveWhenCummingsifySucceeds() throws Exception {
        Run run = run(clientFive(CummingsifyClient.SUCCESS), Integer.toString(poetryServer()));
        assertEquals(twisted("get-poetry-5-success.out"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void clientFiveWhenThePoemIsGibberish() throws Exception {
        Run run = run(clientFive(CummingsifyClient.GIBBERISH), Integer.toString(poetryServer()));
        assertEquals(twisted("get-poetry-5-gibberish.out"), run.out());
        assertEquals(twisted("get-poetry-5-gibberish.err"), run.err());
    }

    @Test
    void clientFiveWhenCummingsifyHasABugKeepsTheOriginalPoem() throws Exception {
        Run run = run(clientFive(CummingsifyClient.BUG), Integer.toString(poetryServer()));
        // Python 3 prints the kept poem's bytes, b'...'; Java prints the poem.
        String python = twisted("get-poetry-5-bug.out");
        String bytesRepr = "b'" + POEM.replace("\n", "\\n") + "'";
        assertTrue(python.contains(bytesRepr), python);
        assertEquals(python.replace(bytesRepr, POEM), run.out());
        assertEquals("", run.err());
    }

    @Test
    void clientFiveWithSeveralServersAndOneThatIsNotThere() throws Exception {
        int port = poetryServer();
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        int[] next = {0};
        IntSupplier choices = () -> new int[] {CummingsifyClient.SUCCESS, CummingsifyClient.BUG}[next[0]++ % 2];
        Run run = run(clientFive(choices), Integer.toString(port), "127.0.0.1:" + port, Integer.toString(closed));
        assertEquals(POEM.toLowerCase() + "\n" + "Cummingsify failed!\n" + POEM + "\n", run.out());
        assertEquals("The poem download failed.\n", run.err());
        assertEquals(0, run.status());
    }

    private static Example.Program clientFive(int always) {
        return clientFive(() -> always);
    }

    private static Example.Program clientFive(IntSupplier choice) {
        return (args, out, err) -> CummingsifyClient.run(args, out, err, choice);
    }

    private static String lastLine(String text) {
        return text.lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void everyExampleNamesAFileOfTheTutorial() {
        assertEquals(17, Examples.all().size());
        assertTrue(Examples.all().stream().allMatch(e -> e.tutorialFile().endsWith(".py")));
        assertEquals(Examples.all().size(), Examples.all().stream().map(Example::name).distinct().count());
        assertTrue(Arrays.stream(new String[] {"defer-unhandled", "defer-block", "failure-examples",
                "get-poetry-stack", "get-poetry-5"}).allMatch(name -> Examples.find(name).isPresent()));
    }
}
