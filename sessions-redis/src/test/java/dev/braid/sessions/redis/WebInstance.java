package dev.braid.sessions.redis;

import dev.braid.web.Site;
import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * One Braid "server" of the tests: the demo site on its own Helidon web server
 * (a free loopback port) with its own connections to Redis, sharing nothing
 * with another instance but Redis.
 */
final class WebInstance implements AutoCloseable {
    final RedisSessions redis;
    final WebServer server;
    final Site main;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    WebInstance(String redisUri) {
        this(RedisSessions.builder(redisUri).build(), UnaryOperator.identity());
    }

    WebInstance(RedisSessions redis, UnaryOperator<Site.Builder> configure) {
        this.redis = redis;
        Site[] sites = new Site[1];
        this.server = WebServer.builder().host("127.0.0.1").port(0).shutdownGracePeriod(Duration.ofMillis(100))
                .routing(routing -> sites[0] = DemoSite.register(routing, new DemoSite.Options(0.05, null, 8080),
                        builder -> configure.apply(builder.sessionStore(redis.newStore()).accessLog(null))))
                .build().start();
        this.main = sites[0];
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session cookie a response sets, as "NAME=VALUE". */
    static String cookieOf(HttpResponse<String> response) {
        return response.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie"))
                .split(";")[0];
    }

    @Override
    public void close() {
        server.stop();
        redis.close();
        client.close();
    }
}
