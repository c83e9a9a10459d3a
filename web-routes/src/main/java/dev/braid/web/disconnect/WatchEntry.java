package dev.braid.web.disconnect;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One watched request: its connection's key and who to tell. {@link #close()}
 * and {@link #fire} race through one flag, so {@code onGone} runs at most once
 * and never starts after {@code close()} returned.
 *
 * <p>The fields without {@code final} or {@code volatile} belong to the
 * watcher thread.
 */
final class WatchEntry implements DisconnectDetector.Watch {
    private static final Logger LOG = Logger.getLogger(WatchEntry.class.getName());

    final ConnectionKey key;
    private final Consumer<DisconnectDetector.Gone> onGone;
    private final EpollWatcher owner;
    private final AtomicBoolean done = new AtomicBoolean();

    /** The connection this watch is attached to, or null (watcher thread only). */
    WatchedConnection connection;
    /** Whether it waits in the watcher's lookup queue (watcher thread only). */
    boolean pending;
    /** Scans that looked for its socket and did not find it (watcher thread only). */
    int misses;

    WatchEntry(ConnectionKey key, Consumer<DisconnectDetector.Gone> onGone, EpollWatcher owner) {
        this.key = key;
        this.onGone = onGone;
        this.owner = owner;
    }

    boolean isDone() {
        return done.get();
    }

    /** Reports the disconnect unless the watch was closed; exceptions from the callback are logged. */
    void fire(DisconnectDetector.Gone gone) {
        if (done.compareAndSet(false, true)) {
            try {
                onGone.accept(gone);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "disconnect callback failed for " + key, e);
            }
        }
    }

    /** Ends the watch without a report (no-op when already closed or reported). */
    void abandon() {
        done.set(true);
    }

    @Override
    public void close() {
        if (done.compareAndSet(false, true)) {
            owner.enqueue(this);
        }
    }

    @Override
    public String toString() {
        return "Watch[" + key + (done.get() ? ", done" : "") + "]";
    }
}
