package dev.braid.app.deploy;

import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.plugin.Plugins;
import dev.braid.app.plugin.ServiceMaker;
import dev.braid.deferred.service.BaseService;
import dev.braid.deferred.service.MultiService;
import dev.braid.deferred.service.Service;
import dev.braid.deferred.service.ServiceCollection;

import java.util.List;

/**
 * Turns a {@link Deployment} into services under an application's top
 * collection: a {@link MultiService} for each group and the
 * service each plugin makes from its options, in the file's order (so they
 * start in that order and stop in reverse). Each service takes its node's
 * name when it is a {@link BaseService} (any other {@code Service} keeps
 * the name it has).
 *
 * <p>{@link #check} validates everything that can be validated without
 * making services (plugin names, option names and values), so the launcher
 * can report mistakes before it daemonizes; {@link #build} then makes them.
 *
 * <pre>{@code
 * Deployment deployment = DeploymentFile.load(path);
 * new ServiceTree(plugins).check(deployment);
 * new ServiceTree(plugins).build(deployment, application.services());
 * }</pre>
 */
public final class ServiceTree {
    private final Plugins plugins;

    /**
     * Creates a builder that finds plugins in {@code plugins}.
     *
     * @param plugins the plugins a deployment may name
     */
    public ServiceTree(Plugins plugins) {
        this.plugins = plugins;
    }

    /**
     * Checks plugin names and options without making any service.
     *
     * @param deployment the parsed file
     * @throws DeploymentException for an unknown plugin or a bad option
     */
    public void check(Deployment deployment) throws DeploymentException {
        for (ServiceNode node : deployment.services()) {
            check(node, deployment);
        }
    }

    private void check(ServiceNode node, Deployment deployment) throws DeploymentException {
        switch (node) {
            case ServiceNode.Group group -> {
                for (ServiceNode child : group.children()) {
                    check(child, deployment);
                }
            }
            case ServiceNode.Plugin plugin -> options(plugin, deployment);
        }
    }

    /**
     * Makes the service tree.
     *
     * @param deployment the parsed file
     * @param root where the top-level services go (the application's services)
     * @throws DeploymentException when a node is wrong
     * @throws Exception when a plugin fails to make its service
     */
    public void build(Deployment deployment, ServiceCollection root) throws Exception {
        addAll(root, deployment.services(), deployment);
    }

    private void addAll(ServiceCollection parent, List<ServiceNode> nodes, Deployment deployment) throws Exception {
        for (ServiceNode node : nodes) {
            Service service = switch (node) {
                case ServiceNode.Group group -> {
                    MultiService multi = new MultiService(group.name());
                    addAll(multi, group.children(), deployment);
                    yield multi;
                }
                case ServiceNode.Plugin plugin -> {
                    ParsedOptions options = options(plugin, deployment);
                    try {
                        yield maker(plugin).makeService(options);
                    } catch (UsageError e) {
                        throw new DeploymentException(plugin.where() + ": " + e.getMessage());
                    }
                }
            };
            if (service instanceof BaseService named && !(node instanceof ServiceNode.Group)) {
                named.setName(node.name());
            }
            service.setServiceParent(parent);
        }
    }

    private ParsedOptions options(ServiceNode.Plugin node, Deployment deployment) throws DeploymentException {
        try {
            return maker(node).options().fromValues(node.options(), deployment.baseDirectory(), node.where());
        } catch (UsageError e) {
            throw new DeploymentException(e.getMessage());
        }
    }

    private ServiceMaker maker(ServiceNode.Plugin node) throws DeploymentException {
        return plugins.find(node.plugin()).orElseThrow(() -> new DeploymentException(
                node.where() + ": unknown plugin '" + node.plugin() + "' (braid --help lists them)"));
    }
}
