package dev.braid.app.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code braid --config FILE}: a service tree from YAML, started in order and stopped in reverse. */
class DeploymentFileIT {
    private static final Map<String, String> PLUGINS = Map.of("BRAID_CLASSPATH", BraidBinary.testPlugins().toString());

    @TempDir
    Path dir;

    @Test
    void startsEveryServiceInFileOrderAndStopsThemInReverse() throws Exception {
        Files.writeString(dir.resolve("tree.yaml"), """
                application:
                  name: tree
                  services:
                    - name: ports
                      services:
                        - {name: first, plugin: port-plugin}
                        - {name: second, plugin: port-plugin, options: {port: 0}}
                    - {name: quiet, plugin: noise, options: {lines: 1, writers: 1}}
                """);
        try (ForegroundBraid braid = ForegroundBraid.start(dir, PLUGINS, "-n", "-c", "tree.yaml")) {
            braid.await("noise done");
            List<Integer> ports = braid.output().lines().filter(line -> line.contains("port-plugin starting on "))
                    .map(line -> Integer.parseInt(line.replaceAll(".* starting on ", ""))).toList();
            assertEquals(2, ports.size(), braid.output());
            for (int port : ports) {
                assertTrue(ForegroundIT.ask(port).startsWith("uid="));
            }
            assertEquals(143, braid.signalAndWait("TERM"));
            String out = braid.output();
            int noise = out.indexOf("noise stopping");
            int second = out.indexOf("(port-plugin port " + ports.get(1) + " closed)");
            int first = out.indexOf("(port-plugin port " + ports.get(0) + " closed)");
            assertTrue(noise > 0 && noise < second && second < first, "reverse order:\n" + out);
        }
    }

    @Test
    void mistakesInTheFileAreReportedBeforeAnythingStarts() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                application:
                  services:
                    - {plugin: port-plugin, options: {prot: 1}}
                """);
        BraidBinary.Result result = BraidBinary.run(dir, PLUGINS, "-c", "bad.yaml");
        assertEquals(1, result.status(), result::toString);
        assertEquals("Failed to load application: bad.yaml: application.services[0]: port-plugin has no option 'prot'\n",
                result.err());
        assertTrue(Files.notExists(dir.resolve("braid.pid")) && Files.notExists(dir.resolve("braid.log")),
                "a daemon was not even started");

        Files.writeString(dir.resolve("unknown.yaml"), "application:\n  services:\n    - plugin: nosuch\n");
        BraidBinary.Result unknown = BraidBinary.run(dir, PLUGINS, "-n", "-c", "unknown.yaml");
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("unknown plugin 'nosuch'"), unknown::toString);

        BraidBinary.Result missing = BraidBinary.run(dir, PLUGINS, "-n", "-c", "none.yaml");
        assertEquals(1, missing.status());
        assertEquals("Failed to load application: No such deployment file: " + dir.resolve("none.yaml") + "\n", missing.err());

        BraidBinary.Result both = BraidBinary.run(dir, PLUGINS, "-c", "bad.yaml", "port-plugin");
        assertEquals(2, both.status());
        assertTrue(both.err().endsWith("braid: give either a plugin or --config, not both (found plugin 'port-plugin')\n"),
                both::toString);
    }
}
