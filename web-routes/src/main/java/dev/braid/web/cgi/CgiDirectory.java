package dev.braid.web.cgi;

import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of CGI scripts (Twisted's {@code twcgi.CGIDirectory}): each file
 * is a {@link CgiScript}, each subdirectory another CgiDirectory; missing
 * entries and unsafe names are 404, and the directory itself is not listed.
 */
public class CgiDirectory extends Resource {
    private final Path directory;

    /**
     * Creates the resource.
     *
     * @param directory the scripts' directory
     */
    public CgiDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public Resource getChild(String name, Request request) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
                || name.contains("\0")) {
            return ErrorPage.noResource("File not found.");
        }
        Path child = directory.resolve(name);
        if (Files.isDirectory(child)) {
            return new CgiDirectory(child);
        }
        return Files.isRegularFile(child) ? new CgiScript(child) : ErrorPage.noResource("File not found.");
    }

    @Override
    public Object render(Request request) {
        return ErrorPage.noResource("CGI directories do not support directory listing.").render(request);
    }
}
