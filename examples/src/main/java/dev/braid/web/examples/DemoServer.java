package dev.braid.web.examples;

import dev.braid.web.server.ConnectionGuard;
import dev.braid.web.server.ServerLimits;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.util.function.UnaryOperator;

/**
 * Serves the web demo: {@code DemoServer [PORT [HOST]]}, by default on
 * http://127.0.0.1:8080/. The {@code braid demo} launcher plugin serves the
 * same pages together with the poetry services.
 */
public final class DemoServer {
    private DemoServer() {
    }

    /**
     * Starts the demo and keeps running until the process is stopped.
     *
     * @param args optional port and host
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        WebServerConfig.Builder builder = WebServer.builder().host(host).port(port)
                .routing(routing -> DemoSite.register(routing, new DemoSite.Options(5,
                        java.nio.file.Files.isDirectory(java.nio.file.Path.of("etc")) ? java.nio.file.Path.of("etc")
                                : null, port), UnaryOperator.identity()));
        WebServer server = ConnectionGuard.install(builder, WebServer.DEFAULT_SOCKET_NAME, ServerLimits.defaults())
                .build().start();
        System.out.println("Braid demo serving on http://" + host + ":" + server.port() + "/");
    }
}
