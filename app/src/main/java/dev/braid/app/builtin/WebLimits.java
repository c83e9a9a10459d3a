package dev.braid.app.builtin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;
import dev.braid.web.server.ServerLimits;

import java.time.Duration;

/** The web plugins' options for the limits against hostile clients ({@link ServerLimits}). */
final class WebLimits {
    private static final ServerLimits DEFAULTS = ServerLimits.defaults();

    private WebLimits() {
    }

    /** Adds {@code --idle-timeout}, {@code --header-timeout}, {@code --body-timeout}, {@code --write-timeout}, {@code --max-connections}. */
    static OptionSpec.Builder options(OptionSpec.Builder spec) {
        return spec
                .param("idle-timeout", (char) 0, seconds(DEFAULTS.idleTimeout()),
                        "Seconds a connection may send nothing (a new one, between requests, or still sending "
                                + "its request line) before it is closed.", ValueType.NON_NEGATIVE_NUMBER)
                .param("header-timeout", (char) 0, seconds(DEFAULTS.headerTimeout()),
                        "Seconds the request headers may take after the request line.", ValueType.NON_NEGATIVE_NUMBER)
                .param("body-timeout", (char) 0, seconds(DEFAULTS.bodyTimeout()),
                        "Seconds a request body may stall (no byte arriving).", ValueType.NON_NEGATIVE_NUMBER)
                .param("write-timeout", (char) 0, seconds(DEFAULTS.writeTimeout()),
                        "Seconds a response may wait for a client that does not read.", ValueType.NON_NEGATIVE_NUMBER)
                .param("max-connections", (char) 0, "0",
                        "Connections each listener holds at once; 0 for 3/4 of the file descriptors left at start,"
                                + " at most one per 32 KiB of heap.",
                        ValueType.NON_NEGATIVE_INTEGER);
    }

    /** The limits the options give. */
    static ServerLimits parse(ParsedOptions options) throws UsageError {
        return ServerLimits.builder()
                .idleTimeout(duration(options, "idle-timeout"))
                .headerTimeout(duration(options, "header-timeout"))
                .bodyTimeout(duration(options, "body-timeout"))
                .writeTimeout(duration(options, "write-timeout"))
                .maxConnections(options.integer("max-connections"))
                .build();
    }

    private static Duration duration(ParsedOptions options, String name) throws UsageError {
        double seconds = options.number(name);
        if (seconds <= 0) {
            throw new UsageError("--" + name + " must be more than 0 seconds");
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    private static String seconds(Duration duration) {
        return Long.toString(duration.toSeconds());
    }
}
