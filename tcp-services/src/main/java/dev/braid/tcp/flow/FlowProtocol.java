package dev.braid.tcp.flow;

import dev.braid.deferred.CancelledError;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import dev.braid.deferred.error.ConnectionClosed;
import dev.braid.deferred.error.ConnectionDone;
import dev.braid.deferred.flow.Flow;
import dev.braid.deferred.flow.PushStage;
import dev.braid.deferred.flow.Stage;
import dev.braid.deferred.flow.Step;
import dev.braid.deferred.log.Log;
import dev.braid.deferred.task.Cooperator;
import dev.braid.tcp.Protocol;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A protocol whose behaviour is a {@link FlowBody} (twisted.flow's
 * {@code makeProtocol}): the incoming data is pushed into a stage that the
 * body pulls, and the body runs as a generator on the connection's loop from
 * {@code connectionMade} on.
 *
 * <pre>{@code
 * // The tutorial's echo server and client:
 * Tcp.listenTCP(8392, ServerFactory.forProtocol(FlowProtocol.make((conn, out) -> {
 *     for (byte[] data : out.each(conn.incoming())) {
 *         conn.write(data);
 *     }
 * })), "127.0.0.1");
 * Tcp.connectTCP("127.0.0.1", 8392, new ClientFactory(FlowProtocol.make((conn, out) -> {
 *     conn.write("hello, world!");
 *     byte[] reply = out.each(conn.incoming()).iterator().next();
 *     System.out.println("server said: " + new String(reply, UTF_8));
 * })), 30);
 * }</pre>
 *
 * <p>When the peer closes, the body still gets the data received before the
 * close (its loop waits up to {@link #BODY_GRACE_SECONDS} for it), then the
 * incoming stage ends — or fails with ConnectionLost after a reset. Writes
 * after the close are dropped, as in Twisted.
 *
 * <p>Back-pressure: when more than {@link #MAX_BUFFERED_CHUNKS} chunks wait
 * to be pulled, the transport stops reading until the body catches up, so a
 * slow body never makes the buffer grow without bound.
 */
public final class FlowProtocol extends Protocol {
    /** Chunks received but not yet pulled, above which reading pauses. */
    public static final int MAX_BUFFERED_CHUNKS = 16;

    /** How long a closed connection's loop waits for its body to take the data received before the close. */
    public static final double BODY_GRACE_SECONDS = 10;

    private final FlowBody body;
    private final PushStage<byte[]> received = Flow.push();
    private boolean readingPaused;

    private FlowProtocol(FlowBody body) {
        this.body = body;
    }

    /**
     * Returns a protocol factory (for {@code ServerFactory.forProtocol} or
     * {@code new ClientFactory(...)}) making one FlowProtocol per connection.
     *
     * @param body the behaviour of each connection
     * @return the supplier of protocols
     */
    public static Supplier<Protocol> make(FlowBody body) {
        Objects.requireNonNull(body, "body");
        return () -> new FlowProtocol(body);
    }

    @Override
    public void connectionMade() {
        FlowConnection conn = new Connection();
        Stage<Object> generator = Flow.generate(out -> body.run(conn, out));
        Deferred<Void> bodyEnded = new Deferred<>();
        Flow.forEach(generator, ignored -> { }).addCallbacks(done -> {
            transport().loseConnection();
            return null;
        }, failure -> {
            if (failure.check(CancelledError.class, ConnectionClosed.class, Cooperator.SchedulerStopped.class)
                    .isEmpty()) {
                Log.err(failure, "flow protocol failed on " + transport().getPeer() + "; aborting the connection");
            }
            transport().abortConnection();
            return null;
        }).addBoth(ignored -> {
            bodyEnded.callback(null);
            return null;
        });
        // When the peer closes, the connection's loop shuts down: first let the body take
        // what was received before (bounded, so a body waiting on something else cannot hold the loop).
        transport().loop().addSystemEventTrigger(EventLoop.Phase.BEFORE, "shutdown",
                () -> bodyEnded.addTimeout(BODY_GRACE_SECONDS, transport().loop()).addErrback(late -> null));
    }

    @Override
    public void dataReceived(byte[] data) {
        received.push(data);
        if (!readingPaused && received.buffered() > MAX_BUFFERED_CHUNKS) {
            readingPaused = true;
            transport().pauseProducing();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (reason.check(ConnectionDone.class).isPresent()) {
            received.finish();
        } else {
            received.fail(reason.value());
        }
    }

    /** Called on the loop after each pull: resumes reading once the body has caught up. */
    private void pulled() {
        if (readingPaused && received.buffered() <= MAX_BUFFERED_CHUNKS / 2 && connected()) {
            readingPaused = false;
            transport().resumeProducing();
        }
    }

    /** The body's view of this connection. */
    private final class Connection implements FlowConnection {
        private final Stage<byte[]> incoming = new Stage<>() {
            @Override
            public Step<byte[]> pull() {
                Step<byte[]> step = received.pull();
                pulled();
                return step;
            }

            @Override
            public void close() {
                received.close();
            }
        };

        @Override
        public Stage<byte[]> incoming() {
            return incoming;
        }

        @Override
        public void write(byte[] data) {
            transport().write(data);
        }

        @Override
        public InetSocketAddress peer() {
            return transport().getPeer();
        }
    }
}
