package dev.braid.web.vhost;

import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses a resource tree by the request's {@code Host} header (Twisted's
 * {@code vhost.NameVirtualHost}): the host name, lower-cased and without its
 * port, picks the tree; an unknown host gets the default tree, or a 404.
 *
 * <pre>{@code
 * NameVirtualHost hosts = new NameVirtualHost();
 * hosts.addHost("poems.example", poemsRoot);
 * hosts.setDefault(mainRoot);
 * Site site = Site.create(hosts);
 * }</pre>
 */
public final class NameVirtualHost extends Resource {
    private final Map<String, Resource> hosts = new ConcurrentHashMap<>();
    private volatile Resource fallback;

    /** Creates an empty virtual host map. */
    public NameVirtualHost() {
    }

    /**
     * Serves {@code name} with {@code resource}.
     *
     * @param name the host name, any case, without a port
     * @param resource its tree
     */
    public void addHost(String name, Resource resource) {
        hosts.put(name.toLowerCase(Locale.ROOT), resource);
    }

    /**
     * Stops serving {@code name}.
     *
     * @param name the host name
     */
    public void removeHost(String name) {
        hosts.remove(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Sets the tree for unknown or missing hosts.
     *
     * @param resource the default, or null for 404
     */
    public void setDefault(Resource resource) {
        this.fallback = resource;
    }

    private Resource resourceFor(Request request) {
        Optional<String> host = request.getHeader("Host").map(NameVirtualHost::hostName);
        Resource chosen = host.map(hosts::get).orElse(null);
        if (chosen != null) {
            return chosen;
        }
        if (fallback != null) {
            return fallback;
        }
        return ErrorPage.noResource(host.map(h -> "host '" + h + "' not in vhost map").orElse("No Host header."));
    }

    static String hostName(String header) {
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public Resource getChildWithDefault(String path, Request request) {
        Resource chosen = resourceFor(request);
        if (chosen.isLeaf()) {
            request.prepath().removeLast();
            request.postpath().addFirst(path);
            return chosen;
        }
        return chosen.getChildWithDefault(path, request);
    }

    @Override
    public Object render(Request request) throws Exception {
        return resourceFor(request).render(request);
    }
}
