package dev.braid.web.disconnect;

import io.helidon.webserver.http.ServerRequest;

/**
 * Notices that a client went away while its request is idle (waiting on a
 * Deferred or a delayed call). Helidon has no disconnect callback and nothing
 * reads the socket while a handler runs, so without a detector a lost client
 * is only noticed when a write fails ("late detection", always on).
 */
@FunctionalInterface
public interface DisconnectDetector {
    /** How the client went away. */
    enum Gone {
        /** The client closed the connection (FIN): Twisted's ConnectionDone. */
        CLEAN,
        /** The connection was reset or failed: Twisted's ConnectionLost. */
        LOST
    }

    /** Stops watching one request. */
    @FunctionalInterface
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Late detection only. */
    DisconnectDetector NONE = (request, onGone) -> () -> { };

    /**
     * Starts watching the connection behind {@code request}.
     *
     * @param request the Helidon request
     * @param onGone called at most once, on any thread, when the client goes away
     * @return a handle to stop watching when the request ends
     */
    Watch watch(ServerRequest request, java.util.function.Consumer<Gone> onGone);
}
