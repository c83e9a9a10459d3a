package dev.braid.web.script;

import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.file.FileResource;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A runtime without a Java compiler (the native binary) answers every resource script with 501. */
@Timeout(60)
class ResourceScriptsWithoutCompilerTest {
    @Test
    void aScriptIs501WithAPageSayingWhy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.rpy.java"), """
                public class Hello implements dev.braid.web.script.ResourceScript {
                    public dev.braid.web.Resource resource(dev.braid.web.script.ScriptContext c) { return null; }
                }
                """);
        Files.writeString(dir.resolve("plain.txt"), "still served");
        ResourceScripts scripts = new ResourceScripts(() -> null);
        Resource root = new Resource();
        root.putChild("files", FileResource.builder(dir).processor(ResourceScripts.EXTENSION, scripts.processor()).build());
        WebServer server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).accessLog(null).build()))
                .build().start();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> script = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/files/hello.rpy.java"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(501, script.statusCode());
            assertTrue(script.body().contains("without a Java compiler"), script.body());
            assertTrue(script.body().contains("JVM binary"), script.body());
            HttpResponse<String> plain = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/files/plain.txt"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("still served", plain.body());
        } finally {
            server.stop();
        }
    }
}
