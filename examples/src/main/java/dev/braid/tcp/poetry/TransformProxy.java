package dev.braid.tcp.poetry;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;
import dev.braid.tcp.ClientFactory;
import dev.braid.tcp.Connector;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.Tcp;
import dev.braid.tcp.basic.NetstringReceiver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A client of the netstring transform server (the tutorial's
 * {@code TransformProxy}): {@link #xform} returns a Deferred of the
 * transformed poem, failing with {@link TransformFailed} when the server
 * closes without a reply (an unknown or failing transform).
 *
 * <pre>{@code
 * getPoetry(host, port, 30)
 *     .addCallbackDeferred(poem -> proxy.xform("cummingsify", poem)
 *             .addErrback(f -> poem))        // keep the original on failure (client 6.0)
 *     .addCallback(poem -> { System.out.println(poem); return null; });
 * }</pre>
 */
public final class TransformProxy {
    private final String host;
    private final int port;

    /** The server answered nothing. */
    public static final class TransformFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TransformFailed(String message) {
            super(message);
        }
    }

    /**
     * Creates a proxy for the server at {@code host:port}.
     *
     * @param host the transform server
     * @param port its netstring port
     */
    public TransformProxy(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Asks the server to transform a poem, sent and read back as UTF-8.
     *
     * @param name the transform
     * @param poem the poem
     * @return a Deferred of the transformed poem
     */
    public Deferred<String> xform(String name, String poem) {
        return request(name, poem.getBytes(StandardCharsets.UTF_8), bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Asks the server to transform a poem given as bytes, in any encoding:
     * the reply is the server's bytes, unchanged.
     *
     * @param name the transform
     * @param poem the poem's bytes
     * @return a Deferred of the transformed poem's bytes
     */
    public Deferred<byte[]> xform(String name, byte[] poem) {
        return request(name, poem, Function.identity());
    }

    /**
     * Sends the request; the Deferred fires with the reply as {@code reply}
     * makes it, so that it holds its final value from the moment it fires.
     */
    private <T> Deferred<T> request(String name, byte[] poem, Function<byte[], T> reply) {
        Deferred<T> result = new Deferred<>();
        byte[] prefix = (name + ".").getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[prefix.length + poem.length];
        System.arraycopy(prefix, 0, request, 0, prefix.length);
        System.arraycopy(poem, 0, request, prefix.length, poem.length);
        Tcp.connectTCP(host, port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(InetSocketAddress address) {
                return new Client<>(request, reply, result);
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                result.errback(reason);
            }
        }, 30);
        return result;
    }

    private static final class Client<T> extends NetstringReceiver {
        private final byte[] request;
        private final Function<byte[], T> reply;
        private final Deferred<T> result;
        private boolean answered;

        Client(byte[] request, Function<byte[], T> reply, Deferred<T> result) {
            this.request = request;
            this.reply = reply;
            this.result = result;
        }

        @Override
        public void connectionMade() {
            sendString(request);
        }

        @Override
        protected void stringReceived(byte[] bytes) {
            answered = true;
            result.callback(reply.apply(bytes));
            transport().loseConnection();
        }

        @Override
        public void connectionLost(Failure reason) {
            if (!answered) {
                result.errback(new TransformFailed("the transform server closed without a reply"));
            }
        }
    }
}
