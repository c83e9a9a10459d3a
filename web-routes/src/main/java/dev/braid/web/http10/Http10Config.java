package dev.braid.web.http10;

import io.helidon.webserver.spi.ProtocolConfig;

/** The protocol's configuration: it has no settings, only a name ({@code http_1_0}). */
record Http10Config(String name) implements ProtocolConfig {
    static final String TYPE = "http_1_0";

    @Override
    public String type() {
        return TYPE;
    }
}
