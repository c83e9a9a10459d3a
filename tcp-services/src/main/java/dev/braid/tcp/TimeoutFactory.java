package dev.braid.tcp;

import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.log.Log;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Closes connections that stay idle (Twisted's {@code policies.TimeoutFactory}):
 * wraps a server factory so that each of its connections is aborted when no
 * data has arrived for {@code timeoutSeconds}. A peer that sends half a
 * message and then nothing — a partial netstring, a line without its end —
 * no longer holds a connection, its loop and its buffer forever.
 *
 * <p>Each arrival only records the time; the connection's timer, when it
 * fires, either aborts the connection or sets itself for the time that is
 * left, so a busy connection costs no timer work per chunk.
 *
 * <pre>{@code
 * Tcp.listenTCP(10003, TimeoutFactory.wrap(TransformProtocols.netstring(service), 60), "127.0.0.1");
 * }</pre>
 */
public final class TimeoutFactory extends ServerFactory {
    private final ServerFactory wrapped;
    private final double timeoutSeconds;

    private TimeoutFactory(ServerFactory wrapped, double timeoutSeconds) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        if (!(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("the idle timeout must be positive, not " + timeoutSeconds);
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Wraps a factory.
     *
     * @param factory the factory whose connections get the timeout
     * @param timeoutSeconds how long a connection may receive nothing
     * @return the wrapping factory
     */
    public static TimeoutFactory wrap(ServerFactory factory, double timeoutSeconds) {
        return new TimeoutFactory(factory, timeoutSeconds);
    }

    @Override
    public Protocol buildProtocol(InetSocketAddress address) {
        Protocol inner = wrapped.buildProtocol(address);
        if (inner == null) {
            return null;
        }
        TimeoutProtocol protocol = new TimeoutProtocol(inner, timeoutSeconds);
        protocol.setFactory(this);
        return protocol;
    }

    @Override
    public void startFactory() {
        wrapped.doStart();
    }

    @Override
    public void stopFactory() {
        wrapped.doStop();
    }

    /** Passes everything to the wrapped protocol, watching the time between arrivals. */
    private static final class TimeoutProtocol extends Protocol {
        private final Protocol inner;
        private final double timeout;
        private EventLoop loop;
        private DelayedCall timer;
        private double lastArrival;

        TimeoutProtocol(Protocol inner, double timeout) {
            this.inner = inner;
            this.timeout = timeout;
        }

        @Override
        public void makeConnection(Transport transport) {
            super.makeConnection(transport);
            loop = EventLoop.current().orElseThrow(() -> new IllegalStateException("not on a connection's loop"));
            lastArrival = loop.seconds();
            timer = loop.callLater(timeout, this::check);
            inner.makeConnection(transport);
        }

        @Override
        public void dataReceived(byte[] data) {
            lastArrival = loop.seconds();
            inner.dataReceived(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            if (timer != null && timer.active()) {
                timer.cancel();
            }
            inner.markDisconnected();
            inner.connectionLost(reason);
        }

        private void check() {
            double idle = loop.seconds() - lastArrival;
            if (idle < timeout) {
                timer = loop.callLater(timeout - idle, this::check);
                return;
            }
            InetSocketAddress peer = transport().getPeer();
            Log.msg("Timing out client: " + peer);
            transport().abortConnection();
        }
    }
}
