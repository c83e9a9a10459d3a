package dev.braid.app.web;

import io.helidon.webserver.WebServer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Notices when a Helidon listener stops by itself. Helidon 4.5 ends a
 * listener whose accept fails (no file descriptor left, for instance): it
 * logs "this server socket is terminating now", closes the port — and its
 * thread then waits for itself forever, so nothing else tells. Each listener
 * runs on a platform thread named {@code server-NAME-listener}; the threads a
 * start creates are found by comparing the threads before and after it, and
 * an error that one of them logs is the signal. (Should a later Helidon let
 * the thread end instead, its end is the signal too.)
 */
final class ListenerWatch {
    private static final String PREFIX = "server-";
    private static final String SUFFIX = "-listener";
    private static final Logger HELIDON_LISTENER = Logger.getLogger("io.helidon.webserver.ServerListener");
    private static final Map<Thread, Runnable> WATCHED = new ConcurrentHashMap<>();

    static {
        HELIDON_LISTENER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                Runnable died = record.getLevel().intValue() >= Level.SEVERE.intValue()
                        ? WATCHED.remove(Thread.currentThread()) : null;
                if (died != null) {
                    Thread.ofVirtual().name("braid-listener-restart").start(died);   // this thread is stuck
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private ListenerWatch() {
    }

    /**
     * Starts a server and watches its listeners.
     *
     * @param start starts the server
     * @param ended called (on a virtual thread) when one of its listeners has
     *     failed or stopped — also when the whole server is stopped on
     *     purpose, which the callback must tell apart
     * @return the started server
     */
    static WebServer startWatched(Supplier<WebServer> start, Consumer<WebServer> ended) {
        Set<Thread> before = listenerThreads();
        WebServer server = start.get();
        Set<Thread> mine = listenerThreads();
        mine.removeAll(before);
        for (Thread listener : mine) {
            Runnable died = () -> ended.accept(server);
            WATCHED.put(listener, died);
            Thread.ofVirtual().name("braid-watch-" + listener.getName()).start(() -> {
                try {
                    listener.join();
                } catch (InterruptedException e) {
                    return;
                }
                if (WATCHED.remove(listener) != null) {
                    died.run();
                }
            });
        }
        return server;
    }

    private static Set<Thread> listenerThreads() {
        Set<Thread> found = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && thread.isAlive()) {
                found.add(thread);
            }
        }
        return found;
    }
}
