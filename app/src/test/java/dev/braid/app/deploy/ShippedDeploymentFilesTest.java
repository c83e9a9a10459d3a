package dev.braid.app.deploy;

import dev.braid.app.plugin.Plugins;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every deployment file shipped in etc/ names real plugins and options. */
class ShippedDeploymentFilesTest {
    @Test
    void everyExampleInEtcIsValid() throws IOException, DeploymentException {
        Path etc = Path.of("..", "etc").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> list = Files.list(etc)) {
            files = list.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no deployment files in " + etc);
        ServiceTree tree = new ServiceTree(Plugins.load());
        for (Path file : files) {
            tree.check(DeploymentFile.load(file));
        }
    }

    /** The shipped braid.yaml is what the systemd unit runs: production defaults, so no tracebacks for visitors. */
    @Test
    void theProductionDeploymentShowsNoTracebacks() throws IOException, DeploymentException {
        Deployment braid = DeploymentFile.load(Path.of("..", "etc", "braid.yaml").toAbsolutePath().normalize());
        List<ServiceNode.Plugin> plugins = new ArrayList<>();
        collect(braid.services(), plugins);
        assertTrue(plugins.stream().anyMatch(p -> p.plugin().equals("web")), "braid.yaml serves the web");
        for (ServiceNode.Plugin plugin : plugins) {
            assertFalse(plugin.options().containsKey("display-tracebacks"), plugin.name() + " shows tracebacks");
        }
    }

    private static void collect(List<ServiceNode> nodes, List<ServiceNode.Plugin> into) {
        for (ServiceNode node : nodes) {
            switch (node) {
                case ServiceNode.Plugin plugin -> into.add(plugin);
                case ServiceNode.Group group -> collect(group.children(), into);
            }
        }
    }
}
