package dev.braid.app.builtin;

import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the poetry plugins find poems: {@code --poem}, else the poem shipped
 * with braid ({@code etc/poetry/ecstasy.txt} in the binary's home, or in the
 * current directory when braid runs from a checkout).
 */
final class Poems {
    /** Set by the {@code braid} launcher script to the binary's home. */
    static final String HOME_PROPERTY = "braid.home";
    private static final String DEFAULT = "etc/poetry/ecstasy.txt";

    private Poems() {
    }

    /** The description of {@code --poem} in the help. */
    static String help() {
        return "The poem file to serve. [default: the poem shipped with braid, " + DEFAULT + "]";
    }

    /** Resolves {@code --poem}, checking that it can be read. */
    static Path poem(ParsedOptions options) throws UsageError {
        Path poem = options.value("poem").map(options::resolve).orElseGet(Poems::shipped);
        if (!Files.isRegularFile(poem) || !Files.isReadable(poem)) {
            throw new UsageError("--poem: cannot read " + poem);
        }
        return poem;
    }

    private static Path shipped() {
        String home = System.getProperty(HOME_PROPERTY);
        return (home == null ? Path.of("") : Path.of(home)).resolve(DEFAULT).toAbsolutePath();
    }
}
