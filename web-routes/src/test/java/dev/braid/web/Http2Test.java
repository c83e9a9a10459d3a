package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.web.examples.DemoSite;
import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same Site over HTTP/2: h2c by upgrade and by prior knowledge, and h2 over TLS with a secure session cookie. */
class Http2Test {
    @TempDir
    static Path keys;
    private static WebServer server;

    @BeforeAll
    static void start() throws Exception {
        Tls tls = TestTls.selfSigned(keys);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> DemoSite.register(r, new DemoSite.Options(0.05), UnaryOperator.identity()))
                .putSocket("https", socket -> socket.host("127.0.0.1").port(0).tls(tls))
                .routing("https", r -> DemoSite.register(r, new DemoSite.Options(0.05), UnaryOperator.identity()))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void h2cByUpgrade() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            // the first request may upgrade; ask twice and require HTTP/2 on the connection it keeps
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                    .timeout(Duration.ofSeconds(20)).build();
            client.send(request, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertTrue(response.body().contains("Page view #1 in this session"));
        }
    }

    @Test
    void h2cWithPriorKnowledgeAndDeferredResults() {
        Http2Client client = Http2Client.builder().baseUri("http://127.0.0.1:" + server.port())
                .protocolConfig(p -> p.priorKnowledge(true)).build();
        try (HttpClientResponse response = client.get("/delayed").request()) {
            assertEquals(200, response.status().code());
            assertEquals("<html><body>Sorry to keep you waiting.</body></html>", response.as(String.class));
        }
        try (HttpClientResponse response = client.get("/echo").queryParam("raise", "E2").request()) {
            assertEquals(500, response.status().code());
            assertTrue(response.as(String.class).contains("E2: raised before write"));
        }
    }

    @Test
    void h2OverTlsWithTheSecureSessionCookie() throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trustAll).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + server.port("https") + "/session")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith("TWISTED_SECURE_SESSION="), cookie);
            assertTrue(cookie.endsWith("; Path=/; Secure; HttpOnly; SameSite=lax"), cookie);
        }
    }
}
