package dev.braid.web.cgi;

import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of CGI scripts (Twisted's {@code twcgi.CGIDirectory}): each file
 * is a {@link CgiScript}, each subdirectory another CgiDirectory; missing
 * entries, unsafe names and dotfiles are 404, and the directory itself is not listed.
 */
public class CgiDirectory extends Resource {
    private final Path directory;
    private final CgiOptions options;

    /**
     * Creates the resource with the {@link CgiOptions#defaults() default options}.
     *
     * @param directory the scripts' directory
     */
    public CgiDirectory(Path directory) {
        this(directory, CgiOptions.defaults());
    }

    /**
     * Creates the resource.
     *
     * @param directory the scripts' directory
     * @param options how its scripts run
     */
    public CgiDirectory(Path directory, CgiOptions options) {
        this.directory = directory.toAbsolutePath().normalize();
        this.options = options;
    }

    @Override
    public Resource getChild(String name, Request request) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                || name.contains("\0")) {
            return ErrorPage.noResource("File not found.");
        }
        Path child = directory.resolve(name);
        if (Files.isDirectory(child)) {
            return new CgiDirectory(child, options);
        }
        return Files.isRegularFile(child) ? new CgiScript(child, options) : ErrorPage.noResource("File not found.");
    }

    @Override
    public Object render(Request request) {
        return ErrorPage.noResource("CGI directories do not support directory listing.").render(request);
    }
}
