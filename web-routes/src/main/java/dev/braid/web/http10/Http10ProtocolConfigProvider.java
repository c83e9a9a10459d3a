package dev.braid.web.http10;

import io.helidon.config.Config;
import io.helidon.webserver.spi.ProtocolConfigProvider;

/** Makes every listener offer HTTP/1.0 (Helidon asks each provider found by {@code ServiceLoader}). */
public final class Http10ProtocolConfigProvider implements ProtocolConfigProvider<Http10Config> {
    /** Required by {@code ServiceLoader}. */
    public Http10ProtocolConfigProvider() {
    }

    @Override
    public String configKey() {
        return Http10Config.TYPE;
    }

    @Override
    public Http10Config create(Config config, String name) {
        return new Http10Config(name);
    }
}
