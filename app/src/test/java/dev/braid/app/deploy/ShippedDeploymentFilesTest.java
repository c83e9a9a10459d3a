package dev.braid.app.deploy;

import dev.braid.app.plugin.Plugins;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
