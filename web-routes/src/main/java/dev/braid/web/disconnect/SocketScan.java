package dev.braid.web.disconnect;

import dev.braid.posix.Endpoint;
import dev.braid.posix.Errno;
import dev.braid.posix.LinuxNet;
import dev.braid.posix.Proc;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass over this process's open file descriptors ({@code /proc/self/fd})
 * that finds the sockets behind a batch of connection keys, with one
 * {@code getpeername} per fd and a {@code getsockname} + cookie only for the
 * fds whose peer is wanted. Batching matters: a scan costs the same for one
 * key as for a thousand, so a burst of new connections pays for one scan.
 *
 * <p>A connection reset before it was found cannot be found by its key any
 * more (its socket has no peer: ENOTCONN). The scan therefore also counts, per
 * wanted local endpoint, the connection sockets that have no peer and are not
 * already known: "reset candidates" that let the watcher report such a request
 * LOST instead of never.
 */
final class SocketScan {
    /** Where a wanted connection lives: its fd now, and the cookie that names its socket. */
    record Found(int fd, long cookie) {
    }

    /**
     * What a scan saw.
     *
     * @param found  the wanted keys that have an open socket, by key
     * @param resets per wanted local endpoint, the cookies of unknown connection sockets without a peer
     * @param fds    how many fds the scan looked at
     */
    record Result(Map<ConnectionKey, Found> found, Map<Endpoint, Set<Long>> resets, int fds) {
    }

    private SocketScan() {
    }

    /**
     * Scans every open fd once.
     *
     * @param scratch      the calling thread's native scratch memory
     * @param wanted       the keys to find
     * @param knownCookies sockets already watched, never counted as reset candidates
     * @return what was found
     * @throws UncheckedIOException when {@code /proc/self/fd} cannot be listed
     */
    static Result scan(LinuxNet.Scratch scratch, Set<ConnectionKey> wanted, Set<Long> knownCookies) {
        Map<Endpoint, List<ConnectionKey>> byRemote = new HashMap<>();
        Set<Endpoint> locals = new HashSet<>();
        for (ConnectionKey key : wanted) {
            byRemote.computeIfAbsent(key.remote(), ignored -> new ArrayList<>(1)).add(key);
            locals.add(key.local());
        }
        Map<ConnectionKey, Found> found = new HashMap<>();
        Map<Endpoint, Set<Long>> resets = new HashMap<>();
        int fds = 0;
        for (int fd : Proc.openFds()) {
            fds++;
            Endpoint peer = scratch.peer(fd);
            if (peer != null) {
                if (byRemote.containsKey(peer)) {
                    Endpoint local = scratch.local(fd);
                    ConnectionKey key = local == null ? null : new ConnectionKey(local, peer);
                    long cookie = scratch.cookie(fd);
                    if (key != null && wanted.contains(key) && cookie != 0) {
                        found.put(key, new Found(fd, cookie));
                    }
                }
            } else if (scratch.errno() == Errno.ENOTCONN) {
                Endpoint local = scratch.local(fd);
                if (local != null && locals.contains(local) && scratch.isConnectionSocket(fd)) {
                    long cookie = scratch.cookie(fd);
                    if (cookie != 0 && !knownCookies.contains(cookie)) {
                        resets.computeIfAbsent(local, ignored -> new HashSet<>()).add(cookie);
                    }
                }
            }
        }
        return new Result(found, resets, fds);
    }
}
