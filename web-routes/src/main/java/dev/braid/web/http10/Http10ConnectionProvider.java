package dev.braid.web.http10;

import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelectorProvider;
import java.util.List;

/**
 * Helidon's {@code ServiceLoader} entry: an {@link Http10Selector} for each
 * listener, serving through an HTTP/1.1 connection with the listener's own
 * HTTP/1 limits (and no protocol upgrades: HTTP/1.0 has none).
 */
public final class Http10ConnectionProvider implements ServerConnectionSelectorProvider<Http10Config> {
    /** Required by {@code ServiceLoader}. */
    public Http10ConnectionProvider() {
    }

    @Override
    public Class<Http10Config> protocolConfigType() {
        return Http10Config.class;
    }

    @Override
    public String protocolType() {
        return Http10Config.TYPE;
    }

    @Override
    public ServerConnectionSelector create(String listenerName, Http10Config config, ProtocolConfigs configs) {
        List<Http1Config> http1 = configs.config("http_1_1", Http1Config.class);
        Http1Config limits = http1.isEmpty() ? Http1Config.create() : http1.getFirst();
        return new Http10Selector(Http1ConnectionSelector.builder().config(limits).build(), limits.maxPrologueLength());
    }
}
