package dev.braid.app.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a deployment file's service tree: a group of services (a
 * {@code MultiService}) or a service made by a plugin.
 *
 * <pre>{@code
 * switch (node) {
 *     case ServiceNode.Group group -> ...group.children()...
 *     case ServiceNode.Plugin plugin -> ...plugin.plugin(), plugin.options()...
 * }
 * }</pre>
 */
public sealed interface ServiceNode {
    /**
     * Returns the service's name, unique among its siblings.
     *
     * @return the name
     */
    String name();

    /**
     * Returns where the node is in the file, for error messages.
     *
     * @return such as {@code "two-poems.yaml: application.services[1]"}
     */
    String where();

    /**
     * A {@code MultiService}: starts its children in order, stops them in reverse.
     *
     * @param name the service's name
     * @param children the services inside, in order
     * @param where the place in the file
     */
    record Group(String name, List<ServiceNode> children, String where) implements ServiceNode {
        /** Copies the list. */
        public Group {
            Objects.requireNonNull(name, "name");
            children = List.copyOf(children);
        }
    }

    /**
     * A service made by a plugin from options, as {@code braid PLUGIN --option value} would.
     *
     * @param name the service's name
     * @param plugin the plugin's name, such as {@code fastpoetry}
     * @param options the plugin's options by long name; a repeatable option may have several values
     * @param where the place in the file
     */
    record Plugin(String name, String plugin, Map<String, List<String>> options, String where) implements ServiceNode {
        /** Copies the map. */
        public Plugin {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(plugin, "plugin");
            options = Map.copyOf(options);
        }
    }
}
