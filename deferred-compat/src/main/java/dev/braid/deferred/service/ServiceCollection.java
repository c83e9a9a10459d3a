package dev.braid.deferred.service;

import dev.braid.deferred.Deferred;
import java.util.List;

/**
 * A service that holds other services (Twisted's {@code IServiceCollection}).
 * Only {@link Service#setServiceParent} and {@link Service#disownServiceParent}
 * should call {@link #addService} and {@link #removeService}.
 */
public interface ServiceCollection extends Service {
    /**
     * Returns the child with the given name.
     *
     * @param name the child's name
     * @return the child
     * @throws java.util.NoSuchElementException if there is none (Twisted's KeyError)
     */
    Service getServiceNamed(String name);

    /**
     * Returns the children in the order they were added.
     *
     * @return a snapshot of the children
     */
    List<Service> services();

    /**
     * Adds a child; starts it if this collection is running.
     *
     * @param service the child
     * @throws IllegalStateException if a child with the same name exists:
     *     "cannot have two services with same name 'NAME'"
     */
    void addService(Service service);

    /**
     * Removes a child; stops it if this collection is running.
     *
     * @param service the child
     * @return a Deferred that fires when the child has stopped
     * @throws IllegalArgumentException if it is not a child
     */
    Deferred<?> removeService(Service service);
}
