package dev.braid.app.deploy;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a deployment file: YAML through Helidon config, describing the
 * service tree braid runs with {@code --config FILE}.
 *
 * <pre>{@code
 * application:
 *   name: two-poems
 *   # uid: nobody            # optional, like Application(name, uid, gid)
 *   services:
 *     - name: poems          # a group (MultiService): has "services"
 *       services:
 *         - name: ecstasy    # a plugin's service: has "plugin" and its "options"
 *           plugin: fastpoetry
 *           options: {port: 10000, iface: 127.0.0.1, poem: poetry/ecstasy.txt}
 *         - name: science
 *           plugin: fastpoetry
 *           options: {port: 10001, iface: 127.0.0.1, poem: poetry/science.txt}
 * }</pre>
 *
 * <p>Every key is checked: a misspelt key, a node that is both a group and a
 * plugin, a duplicate name among siblings, or a nested map among a plugin's
 * options is an error naming its place in the file. A node without a name
 * gets its plugin's name (or {@code group-N}), made unique among its
 * siblings. Only the file is read: environment variables and system
 * properties do not leak into the tree. Relative paths in options are
 * resolved against the file's directory (Twisted resolves a .tac file's
 * paths against the current directory; braid's choice lets
 * {@code braid -c etc/two-poems.yaml} work from anywhere).
 */
public final class DeploymentFile {
    private static final Set<String> APPLICATION_KEYS = Set.of("name", "uid", "gid", "services");
    private static final Set<String> NODE_KEYS = Set.of("name", "plugin", "options", "services");

    private final String fileName;

    private DeploymentFile(Path file) {
        this.fileName = file.getFileName().toString();
    }

    /**
     * Reads and checks a deployment file.
     *
     * @param file the YAML file
     * @return the deployment
     * @throws DeploymentException when the file is missing, is not YAML, or
     *     does not describe a service tree
     */
    public static Deployment load(Path file) throws DeploymentException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new DeploymentException("No such deployment file: " + absolute);
        }
        if (!Files.isReadable(absolute)) {
            throw new DeploymentException("Cannot read deployment file: " + absolute);
        }
        Config config;
        try {
            config = Config.builder()
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .disableValueResolving()
                    .disableKeyResolving()
                    .sources(ConfigSources.file(absolute))
                    .build();
            config.traverse().count(); // parses now, so a syntax error is reported here
        } catch (ConfigException | IllegalStateException e) {
            throw new DeploymentException(absolute + " is not a valid YAML deployment file: " + rootMessage(e));
        }
        return new DeploymentFile(absolute).read(config, absolute);
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    private Deployment read(Config root, Path file) throws DeploymentException {
        Config application = root.get("application");
        if (!application.exists() || application.type() != Config.Type.OBJECT) {
            throw error("the file must have an 'application' section with 'services'");
        }
        checkKeys(application, APPLICATION_KEYS, "application");
        String name = scalar(application.get("name"), "application.name").orElse(file.getFileName().toString());
        String uid = scalar(application.get("uid"), "application.uid").orElse(null);
        String gid = scalar(application.get("gid"), "application.gid").orElse(null);
        List<ServiceNode> services = children(application.get("services"), "application.services");
        return new Deployment(name, uid, gid, services, file);
    }

    private List<ServiceNode> children(Config list, String where) throws DeploymentException {
        if (!list.exists()) {
            throw error(where + " is missing: list the services to run");
        }
        if (list.type() != Config.Type.LIST) {
            throw error(where + " must be a list of services");
        }
        List<ServiceNode> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Config> items = list.asNodeList().orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            nodes.add(node(items.get(i), where + "[" + i + "]", names, i));
        }
        return nodes;
    }

    private ServiceNode node(Config node, String where, Set<String> siblings, int index) throws DeploymentException {
        if (node.type() != Config.Type.OBJECT) {
            throw error(where + " must be a map with 'plugin' and 'options', or 'services'");
        }
        checkKeys(node, NODE_KEYS, where);
        boolean isPlugin = node.get("plugin").exists();
        boolean isGroup = node.get("services").exists();
        if (isPlugin == isGroup) {
            throw error(where + " must have either 'plugin' (a service) or 'services' (a group), not "
                    + (isPlugin ? "both" : "neither"));
        }
        String given = scalar(node.get("name"), where + ".name").orElse(null);
        if (given != null && given.isBlank()) {
            throw error(where + ".name must not be empty");
        }
        String where2 = given == null ? where : where + " (" + given + ")";
        if (isGroup) {
            if (node.get("options").exists()) {
                throw error(where2 + ": a group has no 'options'");
            }
            String name = unique(given, "group-" + index, siblings, where2);
            return new ServiceNode.Group(name, children(node.get("services"), where + ".services"), located(where2));
        }
        String plugin = scalar(node.get("plugin"), where + ".plugin")
                .orElseThrow(() -> error(where2 + ".plugin must name a plugin"));
        String name = unique(given, plugin, siblings, where2);
        return new ServiceNode.Plugin(name, plugin, options(node.get("options"), where2), located(where2));
    }

    private String unique(String given, String fallback, Set<String> siblings, String where) throws DeploymentException {
        if (given != null) {
            if (!siblings.add(given)) {
                throw error(where + ": cannot have two services with same name '" + given + "'");
            }
            return given;
        }
        String name = fallback;
        for (int n = 2; !siblings.add(name); n++) {
            name = fallback + "-" + n;
        }
        return name;
    }

    private Map<String, List<String>> options(Config options, String where) throws DeploymentException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (!options.exists()) {
            return values;
        }
        if (options.type() != Config.Type.OBJECT) {
            throw error(where + ".options must be a map of option names to values");
        }
        for (Config option : options.asNodeList().orElse(List.of())) {
            String key = option.name();
            switch (option.type()) {
                case VALUE -> values.put(key, List.of(option.asString().orElse("")));
                case LIST -> {
                    List<String> list = new ArrayList<>();
                    for (Config item : option.asNodeList().orElse(List.of())) {
                        if (item.type() != Config.Type.VALUE) {
                            throw error(where + ".options." + key + " must be a list of plain values");
                        }
                        list.add(item.asString().orElse(""));
                    }
                    values.put(key, list);
                }
                default -> throw error(where + ".options." + key + " must be a value or a list of values");
            }
        }
        return values;
    }

    private Optional<String> scalar(Config node, String where) throws DeploymentException {
        if (!node.exists()) {
            return Optional.empty();
        }
        if (node.type() != Config.Type.VALUE) {
            throw error(where + " must be a plain value");
        }
        return node.asString().asOptional();
    }

    private void checkKeys(Config node, Set<String> allowed, String where) throws DeploymentException {
        for (Config child : node.asNodeList().orElse(List.of())) {
            if (!allowed.contains(child.name())) {
                throw error(where + ": unknown key '" + child.name() + "' (expected one of " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    private String located(String where) {
        return fileName + ": " + where;
    }

    private DeploymentException error(String message) {
        return new DeploymentException(fileName + ": " + message);
    }
}
