package dev.braid.app.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The plugins on the class path, by name (twistd's {@code getPlugins}).
 *
 * <p>When two jars offer the same name, the first on the class path wins
 * (braid's own plugins come first) and {@link #problems()} says so. A plugin
 * that cannot be loaded does not stop the others: it shows in
 * {@link #problems()} too, which {@code braid --help} prints.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.load();
 * ServiceMaker maker = plugins.find("fastpoetry").orElseThrow();
 * }</pre>
 */
public final class Plugins {
    private final Map<String, ServiceMaker> byName;
    private final List<String> problems;

    private Plugins(Map<String, ServiceMaker> byName, List<String> problems) {
        this.byName = Collections.unmodifiableMap(byName);
        this.problems = List.copyOf(problems);
    }

    /**
     * Finds the plugins visible to this class's loader.
     *
     * @return the plugins
     */
    public static Plugins load() {
        return load(ServiceLoader.load(ServiceMaker.class, Plugins.class.getClassLoader()));
    }

    /**
     * Collects the plugins a service loader finds.
     *
     * @param loader the loader
     * @return the plugins
     */
    public static Plugins load(Iterable<ServiceMaker> loader) {
        Map<String, ServiceMaker> byName = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        var iterator = loader.iterator();
        while (true) {
            ServiceMaker maker;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                maker = iterator.next();
            } catch (ServiceConfigurationError e) {
                problems.add("cannot load a plugin: " + e.getMessage());
                continue;
            }
            ServiceMaker first = byName.putIfAbsent(maker.name(), maker);
            if (first != null) {
                problems.add("two plugins are named '" + maker.name() + "': using " + first.getClass().getName()
                        + ", ignoring " + maker.getClass().getName());
            }
        }
        return new Plugins(byName, problems);
    }

    /**
     * Creates a registry from plugins in hand (for tests and embedding).
     *
     * @param makers the plugins
     * @return the registry
     */
    public static Plugins of(List<ServiceMaker> makers) {
        return load(makers);
    }

    /**
     * Finds a plugin by name.
     *
     * @param name the command's name
     * @return the plugin, or empty
     */
    public Optional<ServiceMaker> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Returns every plugin, sorted by name.
     *
     * @return the plugins
     */
    public List<ServiceMaker> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Returns what went wrong while loading: plugins that failed, names taken twice.
     *
     * @return one sentence per problem
     */
    public List<String> problems() {
        return problems;
    }
}
