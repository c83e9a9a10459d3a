package dev.braid.web;

import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** The demo site on an ephemeral loopback port, with short delays and a captured access log. */
final class DemoFixture implements AutoCloseable {
    final List<String> accessLog = new CopyOnWriteArrayList<>();
    final WebServer server;
    final Site site;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    DemoFixture() {
        this(UnaryOperator.identity());
    }

    DemoFixture(UnaryOperator<Site.Builder> configure) {
        Site[] main = new Site[1];
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownGracePeriod(Duration.ofMillis(100))
                .routing(routing -> main[0] = DemoSite.register(routing, new DemoSite.Options(0.05),
                        b -> configure.apply(b.accessLog(accessLog::add))))
                .build().start();
        site = main[0];
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        client.close();
    }
}
