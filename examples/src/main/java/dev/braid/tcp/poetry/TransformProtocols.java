package dev.braid.tcp.poetry;

import dev.braid.deferred.log.Log;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.ServerFactory;
import dev.braid.tcp.basic.LineReceiver;
import dev.braid.tcp.basic.NetstringReceiver;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The transform server's two front ends over one {@link TransformService}:
 * <ul>
 *   <li>netstrings (the tutorial's server): one request
 *       {@code <xform>.<poem>}, one reply netstring with the result, then
 *       close;</li>
 *   <li>lines (the tutorial's exercise of a second protocol): the transform's
 *       name on the first line, the poem's lines, then a line holding only
 *       {@code .}; the reply is the poem's lines followed by {@code .}, then
 *       close.</li>
 * </ul>
 * A malformed request, an unknown transform or a failing transform gets no
 * reply: the connection is just closed, as in the tutorial. Poems stay bytes
 * from end to end (only the transform's name is read as UTF-8), so a poem in
 * any encoding comes back unchanged but for what the transform changes.
 */
public final class TransformProtocols {
    private TransformProtocols() {
    }

    /**
     * Returns the netstring front end.
     *
     * @param service the transforms
     * @return the factory
     */
    public static ServerFactory netstring(TransformService service) {
        return factory(() -> new NetstringTransform(service));
    }

    /**
     * Returns the line-based front end.
     *
     * @param service the transforms
     * @return the factory
     */
    public static ServerFactory lines(TransformService service) {
        return factory(() -> new LineTransform(service));
    }

    private static ServerFactory factory(java.util.function.Supplier<Protocol> protocols) {
        return new ServerFactory() {
            @Override
            public Protocol buildProtocol(InetSocketAddress address) {
                Protocol protocol = protocols.get();
                protocol.setFactory(this);
                return protocol;
            }
        };
    }

    static Optional<byte[]> apply(TransformService service, String name, byte[] poem) {
        try {
            return service.xform(name, poem);
        } catch (RuntimeException e) {
            Log.err(e, "transform " + name + " failed");
            return Optional.empty();
        }
    }

    /** One request, {@code <xform>.<poem>}; several pipelined in one write are each answered, as in Twisted. */
    static final class NetstringTransform extends NetstringReceiver {
        private final TransformService service;

        NetstringTransform(TransformService service) {
            this.service = service;
        }

        @Override
        protected void stringReceived(byte[] request) {
            int dot = indexOf(request, (byte) '.', 0);
            if (dot > 0) {
                String name = new String(request, 0, dot, StandardCharsets.UTF_8);
                apply(service, name, Arrays.copyOfRange(request, dot + 1, request.length)).ifPresent(this::sendString);
            }
            transport().loseConnection();
        }
    }

    /** The transform's name, the poem's lines, then {@code .}: all bytes, split on {@code \n} only. */
    static final class LineTransform extends LineReceiver {
        private final TransformService service;
        private final ByteArrayOutputStream poem = new ByteArrayOutputStream();
        private String name;

        LineTransform(TransformService service) {
            this.service = service;
            setDelimiter(new byte[] {'\n'});
        }

        @Override
        protected void lineReceived(byte[] raw) {
            byte[] line = raw.length > 0 && raw[raw.length - 1] == '\r' ? Arrays.copyOf(raw, raw.length - 1) : raw;
            if (name == null) {
                name = new String(line, StandardCharsets.UTF_8);
            } else if (line.length == 1 && line[0] == '.') {
                apply(service, name, poem.toByteArray()).ifPresent(result -> {
                    int start = 0;
                    while (start < result.length) {
                        int end = indexOf(result, (byte) '\n', start);
                        int stop = end < 0 ? result.length : end;
                        sendLine(Arrays.copyOfRange(result, start, stop));
                        start = stop + 1;
                    }
                    sendLine(".");
                });
                transport().loseConnection();
            } else {
                poem.writeBytes(line);
                poem.write('\n');
            }
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
