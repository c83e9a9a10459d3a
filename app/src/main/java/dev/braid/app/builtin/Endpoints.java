package dev.braid.app.builtin;

import dev.braid.app.endpoint.EndpointParser;
import dev.braid.app.endpoint.ServerEndpoint;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.ValueType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Endpoint options of the built-in plugins: checked when parsed, resolved against the options' base directory. */
final class Endpoints {
    /** A Twisted endpoint description, such as {@code tcp:8080:interface=127.0.0.1}. */
    static final ValueType DESCRIPTION = value -> EndpointParser.parse(value, Path.of("/"));

    /** A bare port number ("8080", Twisted's old form) or an endpoint description. */
    static final ValueType PORT_OR_DESCRIPTION = value -> EndpointParser.parse(normalise(value), Path.of("/"));

    private Endpoints() {
    }

    /** Turns a bare port number into {@code tcp:N}. */
    static String normalise(String value) {
        return value.strip().matches("\\d+") ? "tcp:" + value.strip() : value;
    }

    /** Parses every description of a repeatable option. */
    static List<ServerEndpoint> parseAll(ParsedOptions options, String name) {
        List<ServerEndpoint> endpoints = new ArrayList<>();
        for (String description : options.list(name)) {
            endpoints.add(EndpointParser.parse(normalise(description), options.baseDirectory()));
        }
        return endpoints;
    }
}
