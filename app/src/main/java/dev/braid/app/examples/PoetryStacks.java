package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.tcp.ClientFactory;
import dev.braid.tcp.Connector;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.Tcp;
import dev.braid.tcp.poetry.MultiPoetryClient.Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two {@code get-poetry-stack.py} clients: they print the stack as soon as
 * a poem starts to arrive (client 2.0, in {@code dataReceived}) or has
 * arrived (client 4.0, in the Deferred's callback), then stop — to show who
 * calls the program's code: the reactor's loop.
 *
 * <p>Where Braid differs: each connection runs its own loop on its own
 * virtual thread, so the stack of {@code dataReceived} starts at that
 * connection's loop, not at {@code main}; and a Deferred belongs to the loop
 * that made it, so client 4.0's callback runs on the reactor's loop, which
 * the connection's loop hands the poem to.
 */
final class PoetryStacks {
    private PoetryStacks() {
    }

    /** {@code twisted-client-2/get-poetry-stack.py}. */
    static int clientTwo(List<String> args, PrintStream out, PrintStream err) {
        List<Server> addresses = ExampleArgs.addresses(args);
        EventLoop reactor = EventLoop.create("reactor");
        AtomicBoolean exited = new AtomicBoolean();
        ClientFactory factory = new ClientFactory() {
            private int poetryCount = addresses.size();

            @Override
            public Protocol buildProtocol(InetSocketAddress address) {
                return new Protocol() {
                    @Override
                    public void dataReceived(byte[] data) {
                        StackPrinter.printStack(err);
                        exited.set(true);                // os._exit(0): nothing more is printed
                        stopNow(reactor, transport());
                    }
                };
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                out.println("Failed to connect to: " + connector.getDestination());
                if (--poetryCount == 0) {
                    reactor.stop();
                }
            }
        };
        long start = System.nanoTime();
        reactor.callWhenRunning(() -> addresses.forEach(address ->
                Tcp.connectTCP(address.host(), address.port(), factory, 30)));
        reactor.run();
        if (exited.get()) {
            return 0;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        out.printf("Got %d poems in %d:%02d:%02d.%06d%n", addresses.size(), elapsed.toHours(),
                elapsed.toMinutesPart(), elapsed.toSecondsPart(), elapsed.toNanosPart() / 1000);
        return 0;
    }

    /** {@code twisted-client-4/get-poetry-stack.py}. */
    static int clientFour(List<String> args, PrintStream out, PrintStream err) {
        List<Server> addresses = ExampleArgs.addresses(args);
        EventLoop reactor = EventLoop.create("reactor");
        int[] done = {0};
        reactor.callWhenRunning(() -> {
            for (Server address : addresses) {
                Deferred<String> d = getPoetry(address.host(), address.port());
                d.addCallbacks(poem -> {                       // got_poem
                    StackPrinter.printStack(err);
                    reactor.stop();                            // os._exit(0)
                    return null;
                }, failure -> {                                // poem_failed
                    err.println("Poem failed: " + failure);
                    return null;
                });
                d.addBoth(ignored -> {                         // poem_done
                    if (++done[0] == addresses.size() && reactor.isRunning()) {
                        reactor.stop();
                    }
                    return null;
                });
            }
        });
        reactor.run();
        return 0;
    }

    /**
     * Downloads a poem from the given host and port. Returns a Deferred which
     * will be fired with the complete text of the poem or a Failure if the
     * poem could not be downloaded.
     */
    static Deferred<String> getPoetry(String host, int port) {
        Deferred<String> d = new Deferred<>();
        Tcp.connectTCP(host, port, new PoetryClientFactory(d), 30);
        return d;
    }

    /** The tutorial's client 4.0 factory: one poem, one Deferred, fired once. */
    static final class PoetryClientFactory extends ClientFactory {
        private Deferred<String> deferred;

        PoetryClientFactory(Deferred<String> deferred) {
            this.deferred = deferred;
        }

        @Override
        public Protocol buildProtocol(InetSocketAddress address) {
            Protocol protocol = new PoetryProtocol();
            protocol.setFactory(this);
            return protocol;
        }

        synchronized void poemFinished(byte[] poem) {
            if (deferred != null) {
                Deferred<String> d = deferred;
                deferred = null;
                d.callback(new String(poem, StandardCharsets.UTF_8));
            }
        }

        @Override
        public synchronized void clientConnectionFailed(Connector connector, Failure reason) {
            if (deferred != null) {
                Deferred<String> d = deferred;
                deferred = null;
                d.errback(reason);
            }
        }
    }

    /** Collects the poem until the server closes. */
    static final class PoetryProtocol extends Protocol {
        private final ByteArrayOutputStream poem = new ByteArrayOutputStream();

        @Override
        public void dataReceived(byte[] data) {
            poem.writeBytes(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            ((PoetryClientFactory) factory()).poemFinished(poem.toByteArray());
        }
    }

    private static void stopNow(EventLoop reactor, dev.braid.tcp.Transport transport) {
        transport.abortConnection();
        reactor.callFromThread(() -> {
            if (reactor.isRunning()) {
                reactor.stop();
            }
        });
    }
}
