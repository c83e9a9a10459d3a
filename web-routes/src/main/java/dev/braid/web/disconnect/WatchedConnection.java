package dev.braid.web.disconnect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The watcher's record of one connection whose socket it found: the fd it had
 * then, the socket's cookie (to notice the fd being closed and reused), the
 * token its epoll registration carries, and the watches attached now (one for
 * HTTP/1, one per stream for HTTP/2). Watcher thread only.
 *
 * <p>The epoll registration is never removed by hand: it belongs to the open
 * socket and the kernel drops it when the JVM closes the socket, which keeps
 * it right whatever Helidon does with the fd. It is one-shot: it fires once
 * and stays silent until the next first watch re-arms it.
 */
final class WatchedConnection {
    final ConnectionKey key;
    final int fd;
    final long cookie;
    final long token;
    private final Set<WatchEntry> watches = new LinkedHashSet<>(2);

    WatchedConnection(ConnectionKey key, int fd, long cookie, long token) {
        this.key = key;
        this.fd = fd;
        this.cookie = cookie;
        this.token = token;
    }

    /** Attaches a watch; returns true when it is the first (the registration must be armed). */
    boolean attach(WatchEntry entry) {
        entry.connection = this;
        watches.add(entry);
        return watches.size() == 1;
    }

    void detach(WatchEntry entry) {
        watches.remove(entry);
        entry.connection = null;
    }

    boolean isWatched() {
        return !watches.isEmpty();
    }

    /** Detaches every watch and returns them, to be fired. */
    List<WatchEntry> takeWatches() {
        List<WatchEntry> taken = new ArrayList<>(watches);
        for (WatchEntry entry : taken) {
            entry.connection = null;
        }
        watches.clear();
        return taken;
    }

    @Override
    public String toString() {
        return "Connection[" + key + ", fd " + fd + ", " + watches.size() + " watched]";
    }
}
