package dev.braid.app.builtin;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.service.MultiService;
import dev.braid.deferred.service.Service;
import dev.braid.deferred.service.ServiceCollection;
import dev.braid.tcp.TCPServer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Makes a service tree when it starts, on the application's loop, and logs
 * the TCP ports its {@link TCPServer}s listen on, as twistd logs
 * {@code PoetryFactory starting on 10000} and {@code (TCP Port 10000 Closed)}:
 * the lines that tell an operator — and a test that passed port 0 — where a
 * server listens.
 *
 * <p>Making the tree at start-up rather than when the plugin runs lets it use
 * the running loop (the poetry proxy's clock) and what earlier services bound
 * (the demo's proxy in front of its own fast poetry server on port 0).
 *
 * <pre>{@code
 * new LoggedPorts("fastpoetry", () -> PoetryServices.fastPoetry(0, "127.0.0.1", poem))
 * // [-] fastpoetry starting on 43117
 * }</pre>
 */
final class LoggedPorts extends MultiService {
    private final String label;
    private final Supplier<? extends Service> tree;
    private final List<Integer> ports = new ArrayList<>();
    private boolean made;

    LoggedPorts(String label, Supplier<? extends Service> tree) {
        super(label);
        this.label = label;
        this.tree = tree;
    }

    @Override
    public void privilegedStartService() {
        if (!made) {
            made = true;
            tree.get().setServiceParent(this);
        }
        super.privilegedStartService();
        ports.clear();
        collect(this);
        for (int port : ports) {
            Log.msg(label + " starting on " + port);
        }
    }

    private void collect(ServiceCollection collection) {
        for (Service child : collection.services()) {
            if (child instanceof TCPServer server) {
                server.listeningPort().ifPresent(port -> ports.add(port.port()));
            }
            if (child instanceof ServiceCollection nested) {
                collect(nested);
            }
        }
    }

    /**
     * Returns the ports bound, in tree order.
     *
     * @return the ports; empty before start
     */
    List<Integer> ports() {
        return List.copyOf(ports);
    }

    @Override
    public Deferred<?> stopService() {
        List<Integer> closing = List.copyOf(ports);
        return super.stopService().addCallback(ignored -> {
            for (int port : closing) {
                Log.msg("(TCP Port " + port + " Closed)");
            }
            return null;
        });
    }
}
