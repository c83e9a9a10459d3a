package dev.braid.app.builtin;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.UsageError;
import dev.braid.app.options.ValueType;
import dev.braid.web.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

import java.time.Duration;

/** The web plugins' options about running the server: the health path and the shutdown grace period. */
final class ServingOptions {
    private ServingOptions() {
    }

    /**
     * Adds {@code --health} and {@code --shutdown-grace} to a plugin's options.
     *
     * @param spec the options being built
     * @param health the default health path, or null for none
     * @return the same builder
     */
    static OptionSpec.Builder add(OptionSpec.Builder spec, String health) {
        return spec
                .param("health", (char) 0, health, "A path (such as " + HealthCheck.DEFAULT_PATH + ") answering 200 OK "
                        + "to GET and HEAD, for load balancers; it touches no session and writes no access-log line."
                        + (health == null ? "" : " Empty for none."))
                .param("shutdown-grace", (char) 0, "5", "Seconds requests in flight may take to finish when the "
                        + "server stops; those still running then are cut (and counted in the log).",
                        ValueType.NON_NEGATIVE_NUMBER);
    }

    /**
     * Registers the health path, if any; call it before the Sites, which answer every path.
     *
     * @param options the parsed options
     * @param routing the routing
     * @throws UsageError for a path that does not start with "/"
     */
    static void health(ParsedOptions options, HttpRouting.Builder routing) throws UsageError {
        String path = options.value("health").map(String::strip).orElse("");
        if (path.isEmpty()) {
            return;
        }
        try {
            HealthCheck.register(routing, path);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--health: " + e.getMessage());
        }
    }

    /**
     * Returns {@code --shutdown-grace} as a duration.
     *
     * @param options the parsed options
     * @return the grace period
     */
    static Duration grace(ParsedOptions options) {
        return Duration.ofMillis(Math.round(options.number("shutdown-grace") * 1000));
    }
}
