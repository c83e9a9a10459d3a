package dev.braid.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library is the named module {@code dev.braid.deferred}: it exports its
 * API packages to everyone and nothing else, and a modular project that
 * requires it reads the API and, through it, JDBC. The tests themselves run
 * inside the module, so its descriptor is the one the jar ships.
 */
@Timeout(120)
class ModuleBoundaryTest {
    private static final Set<String> API = Set.of(
            "dev.braid.deferred",
            "dev.braid.deferred.adbapi",
            "dev.braid.deferred.error",
            "dev.braid.deferred.flow",
            "dev.braid.deferred.log",
            "dev.braid.deferred.service",
            "dev.braid.deferred.task",
            "dev.braid.deferred.testing",
            "dev.braid.deferred.threads");

    @TempDir
    Path dir;

    private static ModuleDescriptor descriptor() {
        Module module = Deferred.class.getModule();
        assertTrue(module.isNamed(), "the tests run on the module path, inside the library's module");
        return module.getDescriptor();
    }

    @Test
    void theLibraryIsTheModuleItsJarNames() {
        assertEquals("dev.braid.deferred", descriptor().name());
    }

    @Test
    void exactlyTheApiPackagesAreExportedToEveryone() {
        Set<String> exported = new TreeSet<>();
        descriptor().exports().stream().filter(e -> !e.isQualified()).forEach(e -> exported.add(e.source()));
        assertEquals(new TreeSet<>(API), exported);
    }

    @Test
    void theInternalDoorIsExportedToBraidsOwnModulesOnly() {
        Set<String> qualified = new TreeSet<>();
        descriptor().exports().stream().filter(ModuleDescriptor.Exports::isQualified).forEach(e -> {
            qualified.add(e.source());
            assertEquals(Set.of("dev.braid.tcp", "dev.braid.trace", "dev.braid.web", "dev.braid.app"), e.targets());
        });
        assertEquals(Set.of("dev.braid.deferred.internal"), qualified, "the accessors' package is not exported at all");
    }

    @Test
    void itNeedsNothingButTheJdk() {
        descriptor().requires().forEach(r ->
                assertTrue(r.name().startsWith("java."), "requires " + r.name()));
    }

    @Test
    void aModularProjectReadsTheApiAndJdbcThroughIt() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/user"));
        Path moduleInfo = Files.writeString(sources.resolve("module-info.java"), """
                module user { requires dev.braid.deferred; }
                """);
        Path use = Files.writeString(Files.createDirectories(sources.resolve("user")).resolve("Use.java"), """
                package user;
                import dev.braid.deferred.Deferred;
                import dev.braid.deferred.Deferreds;
                import dev.braid.deferred.adbapi.ConnectionPool;
                public class Use {
                    Deferred<java.sql.Connection> connection(ConnectionPool pool) { return Deferreds.succeed(null); }
                }
                """);
        assertEquals("", UserBuild.compile(dir, UserBuild.onModulePath(), moduleInfo, use));
    }
}
