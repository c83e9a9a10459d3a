package dev.braid.deferred;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a user's source files against this library with javac, as a project importing it would be. */
final class UserBuild {
    private UserBuild() {
    }

    /** Where this library's classes are: a jar or an exploded module on the module path during the tests. */
    static Path library() {
        try {
            return Path.of(Deferred.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options that put the library and the tests' own class path on the class path, as a non-modular user has them. */
    static List<String> onClassPath() {
        return List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + library());
    }

    /** Options that put the library on the module path, as a modular user has it. */
    static List<String> onModulePath() {
        return List.of("--module-path", library().toString());
    }

    /**
     * Compiles {@code sources} (written under {@code dir}) into {@code dir/classes} with {@code options};
     * returns javac's diagnostics, empty when it compiled.
     */
    static String compile(Path dir, List<String> options, Path... sources) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> all = new ArrayList<>(List.of("--release", "25", "--enable-preview", "-proc:none",
                "-d", classes.toString()));
        all.addAll(options);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            boolean compiled = javac.getTask(diagnostics, files, null, all, null,
                    files.getJavaFileObjects(sources)).call();
            return compiled ? "" : diagnostics.toString().isEmpty() ? "failed" : diagnostics.toString();
        }
    }
}
