package dev.braid.deferred.service;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import java.util.Optional;

/**
 * The usual base for a {@link Service} (Twisted's {@code service.Service}):
 * keeps the name, the parent and the running flag. Subclasses override
 * {@link #startService()} and {@link #stopService()}, calling {@code super}.
 *
 * <pre>{@code
 * final class PoetryService extends BaseService {
 *     private String poem;
 *     PoetryService(Path file) { super("poetry"); this.file = file; }
 *     @Override public void startService() {
 *         super.startService();
 *         poem = Files.readString(file);
 *     }
 * }
 * }</pre>
 */
public abstract class BaseService implements Service {
    private String name;
    private ServiceCollection parent;
    private boolean running;

    /** Creates an unnamed service. */
    protected BaseService() {
        this(null);
    }

    /**
     * Creates a named service.
     *
     * @param name the name, or null
     */
    protected BaseService(String name) {
        this.name = name;
    }

    @Override
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Renames the service (Twisted's {@code setName}).
     *
     * @param newName the name
     * @throws IllegalStateException if the service has a parent: "cannot change name when parent exists"
     */
    public void setName(String newName) {
        if (parent != null) {
            throw new IllegalStateException("cannot change name when parent exists");
        }
        this.name = newName;
    }

    @Override
    public Optional<ServiceCollection> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void privilegedStartService() {
    }

    @Override
    public void startService() {
        running = true;
    }

    /**
     * Marks the service stopped. Subclasses that stop asynchronously return
     * their own Deferred after calling {@code super.stopService()}.
     *
     * @return an already-fired Deferred
     */
    @Override
    public Deferred<?> stopService() {
        running = false;
        return Deferreds.succeed(null);
    }

    @Override
    public void setServiceParent(ServiceCollection newParent) {
        if (parent != null) {
            disownServiceParent();
        }
        parent = newParent;
        try {
            newParent.addService(this);
        } catch (RuntimeException e) {
            parent = null;
            throw e;
        }
    }

    @Override
    public Deferred<?> disownServiceParent() {
        if (parent == null) {
            throw new IllegalStateException("service " + this + " has no parent");
        }
        Deferred<?> stopped = parent.removeService(this);
        parent = null;
        return stopped;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (name == null ? "" : "[" + name + "]");
    }
}
