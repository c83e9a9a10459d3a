package dev.braid.tcp.poetry;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.Failure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Downloads poems from several servers at once and reports each outcome, like
 * the tutorial's clients 4.0 to 6.0: each poem goes through an optional local
 * transform whose {@link CannotCummingsifyError} is caught with
 * {@code Failure.check} and answered with the original poem (client 5.1),
 * while any other failure is reported for that server only.
 */
public final class MultiPoetryClient {
    private MultiPoetryClient() {
    }

    /** A transform could not handle a poem; carries the original (client 5.1's error). */
    public static final class CannotCummingsifyError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String poem;

        /**
         * Creates the error.
         *
         * @param poem the poem that could not be transformed
         */
        public CannotCummingsifyError(String poem) {
            super("cannot cummingsify this poem");
            this.poem = poem;
        }

        /**
         * Returns the poem as it came from the server.
         *
         * @return the original poem
         */
        public String poem() {
            return poem;
        }
    }

    /** One server to ask. */
    public record Server(String host, int port) {
        /**
         * Parses {@code host:port} or a bare port (then on localhost).
         *
         * @param text the address
         * @return the server
         * @throws IllegalArgumentException for anything else
         */
        public static Server parse(String text) {
            int colon = text.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon);
            String port = colon < 0 ? text : text.substring(colon + 1);
            try {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException();
                }
                return new Server(host.isEmpty() ? "127.0.0.1" : host, number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a server address (HOST:PORT or PORT): " + text);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * What happened with one server.
     *
     * @param server the server
     * @param poem the poem (decoded as UTF-8, transformed), or null after a failure
     * @param bytes how many bytes the server sent, 0 after a failure
     * @param failure why the download failed, or null
     */
    public record Outcome(Server server, String poem, int bytes, Failure failure) {
        /**
         * Returns whether a poem arrived.
         *
         * @return true for a poem
         */
        public boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * Downloads every poem in parallel.
     *
     * @param servers where from
     * @param timeoutSeconds per download
     * @param transform applied to each poem; may throw {@link CannotCummingsifyError}
     * @param report called with each outcome as it happens
     * @return a Deferred that fires with every outcome, in the servers' order, once all are done
     */
    public static Deferred<List<Outcome>> getPoems(List<Server> servers, double timeoutSeconds,
                                                   UnaryOperator<String> transform, Consumer<Outcome> report) {
        List<Deferred<Outcome>> downloads = new ArrayList<>();
        for (Server server : servers) {
            int[] received = {0};
            Deferred<Outcome> one = PoetryClient.getPoetryBytes(server.host(), server.port(), timeoutSeconds)
                    .addCallback(bytes -> {
                        received[0] = bytes.length;
                        return transform.apply(new String(bytes, StandardCharsets.UTF_8));
                    })
                    .addErrback(failure -> {
                        if (failure.check(CannotCummingsifyError.class).isPresent()) {
                            return ((CannotCummingsifyError) failure.value()).poem();   // client 5.1
                        }
                        return failure;
                    })
                    .addCallbacks(poem -> new Outcome(server, poem, received[0], null),
                            failure -> new Outcome(server, null, 0, failure));
            one.addCallback(outcome -> {
                report.accept(outcome);
                return outcome;
            });
            downloads.add(one);
        }
        return DeferredList.of(downloads).addCallback(outcomes -> outcomes.stream()
                .map(DeferredList.Outcome::value).toList());
    }
}
