package dev.braid.deferred.service;

import dev.braid.deferred.EventLoop;
import java.util.OptionalInt;

/**
 * The root of a service tree (Twisted's {@code service.Application}): a name,
 * the user and group the process should run as, and the top
 * {@link MultiService}. A deployment file or a plugin builds one; the
 * {@code braid} launcher runs it with {@link #startOn(EventLoop)}.
 *
 * <pre>{@code
 * Application app = Application.create("poetry");
 * TCPServer.create(10000, factory).setServiceParent(app.services());
 * EventLoop loop = EventLoop.create("main");
 * loop.callWhenRunning(() -> app.startOn(loop));
 * loop.run();          // until loop.stop(): the services stop first
 * }</pre>
 */
public final class Application {
    private final String name;
    private final OptionalInt uid;
    private final OptionalInt gid;
    private final MultiService services;

    private Application(String name, OptionalInt uid, OptionalInt gid) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.services = new MultiService(name);
    }

    /**
     * Creates an application that runs as whoever starts it.
     *
     * @param name the application's name
     * @return a new application with an empty service tree
     */
    public static Application create(String name) {
        return new Application(name, OptionalInt.empty(), OptionalInt.empty());
    }

    /**
     * Creates an application that should run as the given user and group.
     *
     * @param name the application's name
     * @param uid the user id to switch to after privileged start-up
     * @param gid the group id to switch to
     * @return a new application with an empty service tree
     */
    public static Application create(String name, int uid, int gid) {
        return new Application(name, OptionalInt.of(uid), OptionalInt.of(gid));
    }

    /**
     * Returns the application's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the user id to run as.
     *
     * @return the uid, or empty to keep the current one
     */
    public OptionalInt uid() {
        return uid;
    }

    /**
     * Returns the group id to run as.
     *
     * @return the gid, or empty to keep the current one
     */
    public OptionalInt gid() {
        return gid;
    }

    /**
     * Returns the top of the service tree, to add services to
     * (Twisted's {@code IServiceCollection(application)}).
     *
     * @return the top MultiService
     */
    public MultiService services() {
        return services;
    }

    /**
     * Starts the tree on {@code loop} the way twistd does: privileged start-up,
     * then start-up, and a "before shutdown" trigger so that stopping the loop
     * first stops the services in reverse order and waits for them. Call on
     * the loop's thread.
     *
     * @param loop the application's loop
     */
    public void startOn(EventLoop loop) {
        services.privilegedStartService();
        services.startService();
        loop.addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown", services::stopService);
    }
}
