package dev.braid.deferred.service;

import dev.braid.deferred.Deferred;
import java.util.Optional;

/**
 * Something that can be started and stopped as part of an application
 * (Twisted's {@code IService}). Services form a tree under
 * {@link MultiService}s; the {@code braid} launcher starts the tree and stops
 * it, in reverse order, at shutdown.
 *
 * <p>Start-up happens in two steps, as in Twisted: {@link #privilegedStartService()}
 * runs while the process may still hold privileges (bind low ports there),
 * then {@link #startService()} after they are dropped.
 *
 * <p>A service tree is meant to be driven from one thread, normally the
 * application's {@link dev.braid.deferred.EventLoop}.
 *
 * <pre>{@code
 * MultiService top = new MultiService();
 * new PoetryService(poem).setServiceParent(top);
 * top.privilegedStartService();
 * top.startService();
 * top.stopService().addCallback(ignored -> { System.out.println("stopped"); return null; });
 * }</pre>
 */
public interface Service {
    /**
     * Returns the service's name, used by {@link ServiceCollection#getServiceNamed}.
     *
     * @return the name, or empty
     */
    Optional<String> name();

    /**
     * Returns the collection this service belongs to.
     *
     * @return the parent, or empty
     */
    Optional<ServiceCollection> parent();

    /**
     * Returns whether the service has been started and not stopped since.
     *
     * @return true while running
     */
    boolean isRunning();

    /** Does the part of starting that needs privileges, such as binding a port below 1024. */
    void privilegedStartService();

    /** Starts the service; it is running afterwards. */
    void startService();

    /**
     * Stops the service.
     *
     * @return a Deferred that fires when the service has finished stopping
     */
    Deferred<?> stopService();

    /**
     * Adds this service to {@code parent}, leaving its previous parent first
     * (Twisted's {@code setServiceParent}). If the parent is running, this
     * service is started at once. Unlike Twisted, which leaves
     * {@code parent} set on a service refused for a duplicate name, a refused
     * service is left without a parent.
     *
     * @param parent the new parent
     * @throws IllegalStateException if the parent already has a service with this name
     */
    void setServiceParent(ServiceCollection parent);

    /**
     * Removes this service from its parent (Twisted's {@code disownServiceParent}),
     * stopping it if the parent is running.
     *
     * @return a Deferred that fires when it has stopped (at once if it was not running)
     * @throws IllegalStateException if the service has no parent
     */
    Deferred<?> disownServiceParent();
}
