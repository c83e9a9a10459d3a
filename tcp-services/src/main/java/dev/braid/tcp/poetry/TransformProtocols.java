package dev.braid.tcp.poetry;

import dev.braid.deferred.log.Log;
import dev.braid.tcp.Protocol;
import dev.braid.tcp.ServerFactory;
import dev.braid.tcp.basic.LineReceiver;
import dev.braid.tcp.basic.NetstringReceiver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * reply: the connection is just closed, as in the tutorial.
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

    static Optional<String> apply(TransformService service, String name, String poem) {
        try {
            return service.xform(name, poem);
        } catch (RuntimeException e) {
            Log.err(e, "transform " + name + " failed");
            return Optional.empty();
        }
    }

    static final class NetstringTransform extends NetstringReceiver {
        private final TransformService service;

        NetstringTransform(TransformService service) {
            this.service = service;
        }

        @Override
        protected void stringReceived(byte[] request) {
            String text = new String(request, StandardCharsets.UTF_8);
            int dot = text.indexOf('.');
            if (dot > 0) {
                apply(service, text.substring(0, dot), text.substring(dot + 1))
                        .ifPresent(poem -> sendString(poem.getBytes(StandardCharsets.UTF_8)));
            }
            transport().loseConnection();
        }
    }

    static final class LineTransform extends LineReceiver {
        private final TransformService service;
        private final List<String> poem = new ArrayList<>();
        private String name;

        LineTransform(TransformService service) {
            this.service = service;
            setDelimiter(new byte[] {'\n'});
        }

        @Override
        protected void lineReceived(byte[] raw) {
            String line = new String(raw, StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (name == null) {
                name = line;
            } else if (line.equals(".")) {
                apply(service, name, String.join("\n", poem) + "\n").ifPresent(result -> {
                    result.lines().forEach(this::sendLine);
                    sendLine(".");
                });
                transport().loseConnection();
            } else {
                poem.add(line);
            }
        }
    }
}
