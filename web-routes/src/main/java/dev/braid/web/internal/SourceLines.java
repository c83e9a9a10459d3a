package dev.braid.web.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the source line of a stack frame, when the source is at hand (as
 * Twisted's traceback page shows each frame's line). Looked for, in order:
 * <ol>
 *   <li>a resource script: its class loader is named after the script's file;</li>
 *   <li>beside the compiled class, in a Maven layout: {@code target/classes}
 *       (or a jar in {@code target}) → {@code src/main/java},
 *       {@code target/test-classes} → {@code src/test/java};</li>
 *   <li>under each directory of the system property {@code braid.sourcePath}
 *       (separated like a class path).</li>
 * </ol>
 * Files over 1 MB are not read; nothing is cached (only error pages ask).
 */
final class SourceLines {
    private static final long MAX_FILE = 1024 * 1024;

    private SourceLines() {
    }

    /**
     * Returns the frame's line of source, stripped.
     *
     * @param frame the frame
     * @param type the frame's class, if it could be loaded
     * @return the line, or empty when the source is not at hand
     */
    static Optional<String> lineOf(StackTraceElement frame, Optional<Class<?>> type) {
        if (frame.getLineNumber() <= 0 || frame.getFileName() == null) {
            return Optional.empty();
        }
        for (Path candidate : candidates(frame, type)) {
            try {
                if (Files.isRegularFile(candidate) && Files.size(candidate) <= MAX_FILE) {
                    List<String> lines = Files.readAllLines(candidate, StandardCharsets.UTF_8);
                    if (frame.getLineNumber() <= lines.size()) {
                        return Optional.of(lines.get(frame.getLineNumber() - 1).strip());
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // not at hand after all
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates(StackTraceElement frame, Optional<Class<?>> type) {
        List<Path> candidates = new ArrayList<>();
        String loader = frame.getClassLoaderName();
        if (loader != null && loader.endsWith(frame.getFileName()) && loader.endsWith(".rpy.java")) {
            candidates.add(Path.of(loader));   // a resource script: its loader is named by its file
        }
        String className = frame.getClassName();
        int dot = className.lastIndexOf('.');
        String relative = (dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/") + frame.getFileName();
        type.flatMap(SourceLines::compiledInto).ifPresent(built -> {
            Path module = built.getParent() == null ? null : built.getParent().getParent();
            if (module != null) {
                boolean tests = built.getFileName().toString().equals("test-classes");
                candidates.add(module.resolve(tests ? "src/test/java" : "src/main/java").resolve(relative));
            }
        });
        String sourcePath = System.getProperty("braid.sourcePath", "");
        for (String root : sourcePath.split(java.io.File.pathSeparator)) {
            if (!root.isBlank()) {
                candidates.add(Path.of(root).resolve(relative));
            }
        }
        return candidates;
    }

    /** The directory or jar the class came from; for a jar, the jar itself (its parent is target/). */
    private static Optional<Path> compiledInto(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? Optional.empty()
                    : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException notAFile) {
            return Optional.empty();
        }
    }
}
