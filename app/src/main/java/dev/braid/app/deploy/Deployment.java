package dev.braid.app.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A parsed deployment file: Twisted's {@code .tac} file as data. It names the
 * application, optionally the user and group to run as, and the tree of
 * services to run. {@link DeploymentFile#load} reads one.
 *
 * <pre>{@code
 * Deployment deployment = DeploymentFile.load(Path.of("etc/two-poems.yaml"));
 * deployment.services().forEach(...);
 * }</pre>
 *
 * @param name the application's name (Twisted's {@code Application(name)})
 * @param uid the user to run as after binding ports, unless {@code --uid} says otherwise; null for none
 * @param gid the group to run as, unless {@code --gid} says otherwise; null for none
 * @param services the top-level services, in start order
 * @param file the file it was read from
 */
public record Deployment(String name, String uid, String gid, List<ServiceNode> services, Path file) {
    /** Copies the list. */
    public Deployment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        services = List.copyOf(services);
    }

    /**
     * Returns the directory relative paths in the file are resolved against:
     * the file's own directory, so a deployment file works from anywhere.
     *
     * @return an absolute directory
     */
    public Path baseDirectory() {
        return file.toAbsolutePath().getParent();
    }
}
