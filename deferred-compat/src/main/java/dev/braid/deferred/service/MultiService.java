package dev.braid.deferred.service;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.log.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A service that holds services (Twisted's {@code MultiService}): starts its
 * children in the order they were added and stops them in reverse order, all
 * at once, finishing when every child has finished. A child whose stop fails
 * is logged and does not keep the others from stopping.
 *
 * <pre>{@code
 * MultiService top = new MultiService();
 * TCPServer.create(10000, poetryFactory).setServiceParent(top);
 * TCPServer.create(10001, poetryFactory).setServiceParent(top);
 * }</pre>
 */
public class MultiService extends BaseService implements ServiceCollection {
    private final List<Service> children = new ArrayList<>();
    private final Map<String, Service> named = new HashMap<>();

    /** Creates an unnamed, empty collection. */
    public MultiService() {
        super();
    }

    /**
     * Creates a named, empty collection.
     *
     * @param name the name
     */
    public MultiService(String name) {
        super(name);
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        for (Service child : services()) {
            child.privilegedStartService();
        }
    }

    @Override
    public void startService() {
        super.startService();
        for (Service child : services()) {
            child.startService();
        }
    }

    /**
     * Stops every child, last added first, without waiting for one before the
     * next, and fires when all have stopped. Failures of children are logged.
     *
     * @return a Deferred that fires with null when every child has stopped
     */
    @Override
    public Deferred<?> stopService() {
        super.stopService();
        List<Service> reversed = new ArrayList<>(services()).reversed();
        List<Deferred<?>> stops = new ArrayList<>(reversed.size());
        for (Service child : reversed) {
            stops.add(Deferreds.callDeferred(child::stopService).addErrback(failure -> {
                Log.err(failure, "Error stopping service " + child);
                return null;
            }));
        }
        return DeferredList.create(stops, false, false, true).addCallback(ignored -> null);
    }

    @Override
    public Service getServiceNamed(String name) {
        Service child = named.get(name);
        if (child == null) {
            throw new NoSuchElementException("no service named '" + name + "' in " + this);
        }
        return child;
    }

    @Override
    public List<Service> services() {
        return List.copyOf(children);
    }

    @Override
    public void addService(Service service) {
        String name = service.name().orElse(null);
        if (name != null) {
            if (named.containsKey(name)) {
                throw new IllegalStateException("cannot have two services with same name '" + name + "'");
            }
            named.put(name, service);
        }
        children.add(service);
        if (isRunning()) {
            service.privilegedStartService();
            service.startService();
        }
    }

    @Override
    public Deferred<?> removeService(Service service) {
        if (!children.remove(service)) {
            throw new IllegalArgumentException(service + " is not a child of " + this);
        }
        service.name().ifPresent(named::remove);
        return isRunning() ? service.stopService() : Deferreds.succeed(null);
    }
}
