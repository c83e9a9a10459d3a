package dev.braid.nativeimage;

import org.graalvm.nativeimage.hosted.Feature;
import org.graalvm.nativeimage.hosted.RuntimeReflection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers for reflection the classes Helidon's service registry looks up
 * by name at run time: every class named in the {@code service.loader} and
 * {@code service-registry.json} files that each Helidon jar lists in its
 * {@code META-INF/helidon/manifest} (service contracts, providers and their
 * generated descriptors).
 *
 * <p>Helidon's own native-image extension does this for a GraalVM
 * distribution; it is not published where this build gets its jars, and
 * without it the first {@code HttpRouting.builder()} fails with "Resolution
 * of type ... to class failed". Enabled by this module's
 * {@code native-image.properties}.
 */
public final class HelidonRegistryFeature implements Feature {
    private static final String MANIFEST = "META-INF/helidon/manifest";
    /** A quoted or listed Java class name (generic contracts such as Supplier<X> are skipped). */
    private static final Pattern CLASS_NAME = Pattern.compile("(?<![\\w.$<])([a-z][\\w]*(?:\\.[\\w$]+)+)(?![\\w.$<])");

    @Override
    public String getDescription() {
        return "Registers the classes of Helidon's service registry files for reflection";
    }

    @Override
    public void beforeAnalysis(BeforeAnalysisAccess access) {
        ClassLoader loader = access.getApplicationClassLoader();
        for (String name : namesIn(loader)) {
            Class<?> type = access.findClassByName(name);
            if (type != null) {
                RuntimeReflection.register(type);
                RuntimeReflection.register(type.getDeclaredConstructors());
                RuntimeReflection.register(type.getDeclaredFields());
                RuntimeReflection.register(type.getDeclaredMethods());
            }
        }
    }

    /** Every class name in the registry files that the manifests list. */
    static Set<String> namesIn(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        try {
            for (URL manifest : Collections.list(loader.getResources(MANIFEST))) {
                for (String line : read(manifest).split("\n")) {
                    String file = line.strip();
                    if (file.endsWith("service.loader") || file.endsWith("service-registry.json")) {
                        for (URL registry : Collections.list(loader.getResources(file))) {
                            Matcher matcher = CLASS_NAME.matcher(withoutComments(read(registry)));
                            while (matcher.find()) {
                                names.add(matcher.group(1));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading Helidon's service registry files", e);
        }
        return names;
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?m)^\\s*#.*$", "");
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
