package dev.braid.app.examples;

import dev.braid.tcp.poetry.MultiPoetryClient.Server;
import java.util.ArrayList;
import java.util.List;

/** The poetry clients' arguments: {@code [hostname]:port ...}, as the tutorial's {@code parse_args}. */
public final class ExampleArgs {
    private ExampleArgs() {
    }

    /**
     * Returns the servers named by {@code args}; a bare port means 127.0.0.1.
     *
     * @throws BadArguments when there is none, or one is not an address
     */
    static List<Server> addresses(List<String> args) {
        List<Server> servers = new ArrayList<>();
        for (String arg : args) {
            try {
                servers.add(Server.parse(arg));
            } catch (IllegalArgumentException e) {
                throw new BadArguments(e.getMessage());
            }
        }
        if (servers.isEmpty()) {
            throw new BadArguments("give the poetry servers: [hostname]:port ...");
        }
        return servers;
    }

    /** The command line of an example is wrong: a usage error, exit status 2. */
    public static final class BadArguments extends IllegalArgumentException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        BadArguments(String message) {
            super(message);
        }
    }
}
