package dev.braid.tcp.poetry;

import dev.braid.deferred.DelayedCall;
import dev.braid.deferred.Failure;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.ServerFactory;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The slow poetry server: sends the poem {@code numBytes} at a time, one
 * chunk every {@code delay} seconds, with the connection's {@code callLater},
 * then closes (the tutorial's slowpoetry.py). When the client goes away
 * early the next chunk is cancelled, so nothing is left scheduled.
 */
public final class SlowPoetry {
    private SlowPoetry() {
    }

    /** How to send. */
    public record Pace(int numBytes, double delaySeconds) {
        /** Checks the values. */
        public Pace {
            if (numBytes < 1) {
                throw new IllegalArgumentException("--num-bytes must be at least 1");
            }
            if (!(delaySeconds >= 0)) {
                throw new IllegalArgumentException("--delay must be at least 0");
            }
        }

        /** The tutorial's defaults: 10 bytes every 0.1 s. */
        public static final Pace TUTORIAL = new Pace(10, 0.1);
    }

    static final class SlowProtocol extends Protocol {
        private final byte[] poem;
        private final Pace pace;
        private int sent;
        private DelayedCall next;

        SlowProtocol(byte[] poem, Pace pace) {
            this.poem = poem;
            this.pace = pace;
        }

        @Override
        public void connectionMade() {
            sendChunk();
        }

        private void sendChunk() {
            next = null;
            if (sent >= poem.length) {
                transport().loseConnection();
                return;
            }
            int end = Math.min(poem.length, sent + pace.numBytes());
            transport().write(Arrays.copyOfRange(poem, sent, end));
            sent = end;
            next = transport().loop().callLater(pace.delaySeconds(), this::sendChunk);
        }

        @Override
        public void connectionLost(Failure reason) {
            if (next != null && next.active()) {
                next.cancel();
            }
        }
    }

    /**
     * Returns the factory.
     *
     * @param service the poem's holder
     * @param pace how fast to send
     * @return a factory of slow poetry protocols
     */
    public static ServerFactory factory(PoetryService service, Pace pace) {
        return new ServerFactory() {
            @Override
            public Protocol buildProtocol(InetSocketAddress address) {
                SlowProtocol protocol = new SlowProtocol(service.poem(), pace);
                protocol.setFactory(this);
                return protocol;
            }
        };
    }
}
