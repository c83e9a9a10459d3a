package dev.braid.app.options;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionSpecTest {
    private static final Path BASE = Path.of("/srv/start");

    private final OptionSpec spec = OptionSpec.builder("poet")
            .flag("nodaemon", 'n', "stay in the foreground")
            .param("port", 'p', "10000", "the port", ValueType.PORT)
            .param("poem", (char) 0, null, "the poem file")
            .param("logfile", 'l', null, "log file, - for stdout")
            .list("listen", (char) 0, "tcp:8080", "an endpoint", ValueType.TEXT)
            .arguments("[COMMAND [ARGS]]", 0, Integer.MAX_VALUE)
            .build();

    private ParsedOptions parse(String... args) throws UsageError {
        return spec.parse(List.of(args), BASE);
    }

    @Test
    void longOptionsTakeTheirValueAfterEqualsOrAsTheNextArgument() throws UsageError {
        assertEquals(8080, parse("--port=8080").integer("port"));
        assertEquals(8081, parse("--port", "8081").integer("port"));
        assertEquals("", parse("--poem=").string("poem"));
    }

    @Test
    void shortOptionsGroupAndTakeAttachedOrSeparateValues() throws UsageError {
        ParsedOptions grouped = parse("-nl-");
        assertTrue(grouped.flag("nodaemon"));
        assertEquals("-", grouped.string("logfile"));
        assertEquals(9, parse("-p9").integer("port"));
        assertEquals(10, parse("-p", "10").integer("port"));
        assertEquals("-", parse("-l", "-").string("logfile"));
    }

    @Test
    void defaultsApplyAndTheLastValueWins() throws UsageError {
        ParsedOptions none = parse();
        assertEquals(10000, none.integer("port"));
        assertTrue(none.value("poem").isEmpty());
        assertFalse(none.given("port"));
        assertEquals(2, parse("--port=1", "--port=2").integer("port"));
    }

    @Test
    void repeatableOptionsKeepEveryValueInOrderElseTheirDefault() throws UsageError {
        assertEquals(List.of("tcp:1", "tcp:2"), parse("--listen", "tcp:1", "--listen=tcp:2").list("listen"));
        assertEquals(List.of("tcp:8080"), parse().list("listen"));
    }

    @Test
    void theFirstPositionalArgumentEndsTheOptions() throws UsageError {
        ParsedOptions parsed = parse("-n", "web", "--port=1", "-x");
        assertTrue(parsed.flag("nodaemon"));
        assertEquals(List.of("web", "--port=1", "-x"), parsed.arguments());
        assertEquals(10000, parsed.integer("port"));
        assertEquals(List.of("--port=1"), parse("--", "--port=1").arguments());
    }

    @Test
    void pathsResolveAgainstTheBaseDirectory() throws UsageError {
        assertEquals(Path.of("/srv/start/poems/a.txt"), parse("--poem=poems/./a.txt").path("poem"));
        assertEquals(Path.of("/etc/a.txt"), parse("--poem=/etc/a.txt").path("poem"));
    }

    @Test
    void badInputIsAUsageErrorNamingTheOption() {
        assertEquals("option --bogus not recognized", assertThrows(UsageError.class, () -> parse("--bogus")).getMessage());
        assertEquals("option -x not recognized", assertThrows(UsageError.class, () -> parse("-x")).getMessage());
        assertEquals("option --port requires argument", assertThrows(UsageError.class, () -> parse("--port")).getMessage());
        assertEquals("option -p requires argument", assertThrows(UsageError.class, () -> parse("-p")).getMessage());
        assertEquals("option --nodaemon must not have an argument",
                assertThrows(UsageError.class, () -> parse("--nodaemon=yes")).getMessage());
        assertEquals("--port: 'http' is not a port number", assertThrows(UsageError.class, () -> parse("--port=http")).getMessage());
        assertEquals("--port: port 70000 is outside 0-65535", assertThrows(UsageError.class, () -> parse("-p70000")).getMessage());
    }

    @Test
    void abbreviatedLongOptionsAreRefused() {
        assertThrows(UsageError.class, () -> parse("--nodae"));
    }

    @Test
    void helpSkipsEveryOtherCheck() throws UsageError {
        OptionSpec strict = OptionSpec.builder("get").arguments("HOST:PORT...", 1, Integer.MAX_VALUE).build();
        assertTrue(strict.parse(List.of("--help"), BASE).helpRequested());
        assertEquals("missing arguments: expected HOST:PORT...",
                assertThrows(UsageError.class, () -> strict.parse(List.of(), BASE)).getMessage());
    }

    @Test
    void argumentCountsAreChecked() {
        OptionSpec none = OptionSpec.builder("fast").build();
        assertEquals("unexpected argument 'extra'",
                assertThrows(UsageError.class, () -> none.parse(List.of("extra"), BASE)).getMessage());
        OptionSpec two = OptionSpec.builder("pair").arguments("A B", 2, 2).build();
        assertEquals("too many arguments: at most 2",
                assertThrows(UsageError.class, () -> two.parse(List.of("a", "b", "c"), BASE)).getMessage());
    }

    @Test
    void interspersedSpecsMixOptionsAndArguments() throws UsageError {
        OptionSpec mixed = OptionSpec.builder("client").param("timeout", 't', "10", "seconds", ValueType.NON_NEGATIVE_NUMBER)
                .arguments("HOST:PORT...", 1, 9).interspersed().build();
        ParsedOptions parsed = mixed.parse(List.of("a:1", "-t", "2.5", "b:2"), BASE);
        assertEquals(List.of("a:1", "b:2"), parsed.arguments());
        assertEquals(2.5, parsed.number("timeout"));
    }

    @Test
    void valuesFromADeploymentFileAreCheckedLikeTheCommandLine() throws UsageError {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("port", List.of("0"));
        values.put("nodaemon", List.of("true"));
        values.put("listen", List.of("tcp:1", "tcp:2"));
        ParsedOptions parsed = spec.fromValues(values, BASE, "x.yaml services[0]");
        assertEquals(0, parsed.integer("port"));
        assertTrue(parsed.flag("nodaemon"));
        assertEquals(List.of("tcp:1", "tcp:2"), parsed.list("listen"));

        assertEquals("x.yaml: poet has no option 'prot'", assertThrows(UsageError.class,
                () -> spec.fromValues(Map.of("prot", List.of("1")), BASE, "x.yaml")).getMessage());
        assertEquals("x.yaml: --port: 'abc' is not a port number", assertThrows(UsageError.class,
                () -> spec.fromValues(Map.of("port", List.of("abc")), BASE, "x.yaml")).getMessage());
        assertEquals("x.yaml: 'nodaemon' is a flag: write true or false", assertThrows(UsageError.class,
                () -> spec.fromValues(Map.of("nodaemon", List.of("yes")), BASE, "x.yaml")).getMessage());
        assertEquals("x.yaml: 'port' takes one value, not a list", assertThrows(UsageError.class,
                () -> spec.fromValues(Map.of("port", List.of("1", "2")), BASE, "x.yaml")).getMessage());
        assertFalse(spec.fromValues(Map.of("nodaemon", List.of("false")), BASE, "x").flag("nodaemon"));
    }

    @Test
    void helpListsOptionsSortedWithDefaultsAndWrapsLongText() {
        String help = OptionSpec.builder("fastpoetry")
                .param("port", 'p', "10000", "The port to listen on.")
                .param("poem", (char) 0, null, "The poem to serve. " + "A long explanation that goes on. ".repeat(4))
                .description("Serves a poem.")
                .build().help("braid [options] fastpoetry");
        String[] lines = help.split("\n");
        assertEquals("Usage: braid [options] fastpoetry [options]", lines[0]);
        assertEquals("Options:", lines[1]);
        assertTrue(lines[2].startsWith("      --help  "), lines[2]);
        assertTrue(lines[3].startsWith("      --poem="), lines[3]);
        assertTrue(help.contains("  -p, --port=  "), help);
        assertTrue(help.contains("The port to listen on. [default: 10000]"), help);
        for (String line : lines) {
            assertTrue(line.length() <= 79, line);
        }
        assertTrue(help.endsWith("\nServes a poem.\n"), help);
    }

    @Test
    void duplicateNamesAreProgrammingErrors() {
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.builder("x").flag("a", 'a', "").flag("a", 'b', ""));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.builder("x").flag("a", 'a', "").flag("b", 'a', ""));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.builder("x").flag("Bad_Name", (char) 0, ""));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.builder("x").build().parse(List.of(), BASE).flag("nope"));
    }

    @Test
    void octalMasksAreChecked() {
        ValueType.OCTAL_MASK.check("077");
        ValueType.OCTAL_MASK.check("0022");
        assertThrows(IllegalArgumentException.class, () -> ValueType.OCTAL_MASK.check("089"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.OCTAL_MASK.check("-1"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.OCTAL_MASK.check("77777"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.NON_NEGATIVE_NUMBER.check("NaN"));
        assertThrows(IllegalArgumentException.class, () -> ValueType.POSITIVE_INTEGER.check("0"));
    }
}
