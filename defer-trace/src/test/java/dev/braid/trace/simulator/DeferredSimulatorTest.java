package dev.braid.trace.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator against the tutorial script's own output, byte for byte, and its bad input. */
class DeferredSimulatorTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DeferredSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(DeferredSimulatorTest.class.getResource("/simulator/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client5", "client5-gibberish", "passthru", "recover", "crossing"})
    void drawsWhatTheTutorialsScriptDraws(String name) throws Exception {
        String input = fixture(name + ".in").toString();
        Run wide = run(input);
        assertEquals(0, wide.status(), wide.err());
        assertEquals(Files.readString(fixture(name + ".wide.txt")), wide.out());
        Run narrow = run("--narrow", input);
        assertEquals(0, narrow.status(), narrow.err());
        assertEquals(Files.readString(fixture(name + ".narrow.txt")), narrow.out());
    }

    @Test
    void aBlankLineEndsTheChainAndLaterLinesAreIgnored() throws Exception {
        Path file = dir.resolve("chain.txt");
        Files.writeString(file, "\n# leading comments and blank lines are skipped\nr poem p\nr None r None\n"
                + "r None r None\n\nthis is not read\n");
        assertEquals(Files.readString(fixture("client5.wide.txt")), run(file.toString()).out());
    }

    @Test
    void badLinesNameTheLineAndExitTwo() throws Exception {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"r a p\nx y\n", "line 2: bad command: x: x y"});
        cases.add(new String[] {"r toolong p\n", "line 1: result more than 6 chars long: toolong: r toolong p"});
        cases.add(new String[] {"r\n", "line 1: missing argument: r"});
        cases.add(new String[] {"p\n", "line 1: missing command: p"});
        cases.add(new String[] {"p p p\n", "line 1: extra arguments: p p p"});
        cases.add(new String[] {"\n# nothing\n", "no callback/errback pairs given"});
        for (String[] c : cases) {
            Path file = dir.resolve("bad.txt");
            Files.writeString(file, c[0]);
            Run result = run(file.toString());
            assertEquals(2, result.status(), c[0]);
            assertEquals("", result.out());
            assertEquals("braid-deferred-simulator: " + c[1] + "\n", result.err());
        }
    }

    @Test
    void badUsageExitsTwo() {
        Run unknown = run("--wide");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().startsWith("braid-deferred-simulator: bad argument '--wide'\nusage:"), unknown.err());
        Run missing = run(dir.resolve("absent.txt").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(0, run("--help").status());
    }

    @Test
    void theSvgDrawingIsWellFormedAndShowsTheSameSteps() throws Exception {
        Chain chain = new Chain(List.of(PairParser.parse("r poem p"), PairParser.parse("f bad r <ok>")));
        SvgCanvas canvas = new SvgCanvas();
        Diagrams.drawWide(chain, canvas);
        String svg = canvas.toSvg("a chain & its firings");
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertTrue(svg.contains("<text x=") && svg.contains(">return poem</text>"), svg);
        assertTrue(svg.contains(">return &lt;ok&gt;</text>"), "escaped: " + svg);
        assertTrue(svg.contains("<polygon class=\"arrow\""), "arrows");
        assertEquals(document.getElementsByTagName("text").getLength(),
                svg.lines().filter(line -> line.startsWith("<text")).count());
    }
}
