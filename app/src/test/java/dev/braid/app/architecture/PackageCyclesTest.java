package dev.braid.app.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No package of Braid's main code depends, through others, on itself: each
 * module's packages form layers (the app sees every library, so its class
 * path holds them all).
 */
@Timeout(120)
class PackageCyclesTest {
    /** The main classes of every Braid module on this test's class path (directories or jars, no tests). */
    private static List<Path> braidMainClasses() {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> targets = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            String name = path.getFileName().toString();
            if (path.startsWith(root) && Files.exists(path)
                    && !name.equals("test-classes") && !name.endsWith("-tests.jar")) {
                targets.add(path);
            }
        }
        return targets;
    }

    @Test
    void braidsPackagesHaveNoCycle() {
        List<Path> targets = braidMainClasses();
        assertTrue(targets.size() >= 6, "expected every library and the app on the class path: " + targets);
        PackageCycles graph = PackageCycles.of(targets);
        assertTrue(graph.edges().containsKey("dev.braid.web"), "jdeps saw no web-routes: " + graph.edges().keySet());
        assertTrue(graph.edges().getOrDefault("dev.braid.app.launch", Set.of()).contains("dev.braid.app.run"),
                "jdeps saw no app: " + graph.edges());
        assertTrue(graph.edges().getOrDefault("dev.braid.web.disconnect", Set.of()).contains("dev.braid.posix"),
                "jdeps saw no posix: " + graph.edges());
        assertEquals(List.of(), graph.cycles(), "package cycles (each set reaches itself)");
    }

    /**
     * The loop's package hands its machinery to {@code dev.braid.deferred.internal} through
     * {@code internal.access}, which knows no Braid type: the loop's package never sees the
     * internal door, so the door can see the loop without a cycle.
     */
    @Test
    void deferredsInternalDoorIsLayered() {
        Map<String, Set<String>> edges = PackageCycles.of(braidMainClasses()).edges();
        assertEquals(Set.of(), edges.getOrDefault("dev.braid.deferred.internal.access", Set.of()),
                "the access interfaces use the JDK only");
        assertEquals(Set.of("dev.braid.deferred.internal.access"), edges.get("dev.braid.deferred").stream()
                .filter(to -> to.startsWith("dev.braid.deferred.internal")).collect(Collectors.toSet()),
                "the loop's package installs its accessors and never uses the door");
        assertEquals(Set.of("dev.braid.deferred", "dev.braid.deferred.internal.access"),
                edges.get("dev.braid.deferred.internal"), "the door sees the loop's package and the accessors only");
        assertTrue(edges.get("dev.braid.web").contains("dev.braid.deferred.internal"), "jdeps saw the web layer use it");
    }

    @Test
    void aCycleIsFound(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path a = write(sources, "dev/braid/cycle/a/A.java",
                "package dev.braid.cycle.a; public class A { dev.braid.cycle.b.B b; }");
        Path b = write(sources, "dev/braid/cycle/b/B.java",
                "package dev.braid.cycle.b; public class B { dev.braid.cycle.c.C c; }");
        Path c = write(sources, "dev/braid/cycle/c/C.java",
                "package dev.braid.cycle.c; public class C { dev.braid.cycle.a.A a; }");
        Path d = write(sources, "dev/braid/cycle/d/D.java",
                "package dev.braid.cycle.d; public class D { dev.braid.cycle.a.A a; }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        Arrays.asList(a, b, c, d).forEach(source -> args.add(source.toString()));
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));

        List<Set<String>> cycles = PackageCycles.of(List.of(classes)).cycles();
        assertEquals(List.of(Set.of("dev.braid.cycle.a", "dev.braid.cycle.b", "dev.braid.cycle.c")), cycles);
        assertFalse(cycles.getFirst().contains("dev.braid.cycle.d"));
    }

    private static Path write(Path sources, String name, String text) throws IOException {
        Path file = sources.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
