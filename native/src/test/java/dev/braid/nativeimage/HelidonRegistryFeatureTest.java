package dev.braid.nativeimage;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The class names the feature registers come from Helidon's own registry files on the class path. */
class HelidonRegistryFeatureTest {
    @Test
    void contractsProvidersAndDescriptorsAreFoundCommentsAndGenericsAreNot() {
        Set<String> names = HelidonRegistryFeature.namesIn(getClass().getClassLoader());
        assertTrue(names.contains("io.helidon.config.spi.ConfigSourceProvider"), names.toString());
        assertTrue(names.contains("io.helidon.config.ConfigProvider__ServiceDescriptor"), names.toString());
        assertFalse(names.contains("io.helidon.config.spi.ConfigMapperProvider"), "commented out in service.loader");
        assertFalse(names.stream().anyMatch(name -> name.contains("<")), names.toString());
        for (String name : names) {
            assertTrue(name.matches("[a-z][\\w]*(\\.[\\w$]+)+"), name);
        }
    }
}
