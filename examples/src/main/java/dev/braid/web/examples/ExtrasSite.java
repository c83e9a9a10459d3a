package dev.braid.web.examples;

import com.sun.net.httpserver.HttpHandler;
import dev.braid.deferred.Deferreds;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.cgi.CgiDirectory;
import dev.braid.web.file.FileResource;
import dev.braid.web.guard.BasicCredentialFactory;
import dev.braid.web.guard.DigestCredentialFactory;
import dev.braid.web.guard.FilePasswordDb;
import dev.braid.web.guard.HttpAuthWrapper;
import dev.braid.web.guard.Portal;
import dev.braid.web.guard.Realm;
import dev.braid.web.guard.UserDirectoryRealm;
import dev.braid.web.hosting.HttpHandlerResource;
import dev.braid.web.proxy.ReverseProxyResource;
import dev.braid.web.script.ResourceScripts;
import dev.braid.web.vhost.NameVirtualHost;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's second half: static files, HTTP authentication, CGI, a hosted
 * {@link HttpHandler} app, a reverse proxy and virtual hosts, mounted from the
 * files under {@code etc/} (public_html, htpasswd, cgi-bin, users).
 */
final class ExtrasSite {
    private ExtrasSite() {
    }

    /** Mounts every extra that has its files under {@code etc}. */
    static void mount(Resource root, Path etc, int selfPort) {
        Path publicHtml = etc.resolve("public_html");
        if (Files.isDirectory(publicHtml)) {
            ResourceScripts scripts = new ResourceScripts();
            root.putChild("static", FileResource.builder(publicHtml)
                    .processor(ResourceScripts.EXTENSION, scripts.processor()).build());
        }
        Path htpasswd = etc.resolve("htpasswd");
        if (Files.isReadable(htpasswd)) {
            FilePasswordDb users = FilePasswordDb.builder(htpasswd).build();
            Realm secrets = avatarId -> Deferreds.succeed(new Realm.Avatar(new Secret(avatarId), () -> { }));
            root.putChild("private", new HttpAuthWrapper(new Portal(secrets, List.of(users)), List.of(
                    new BasicCredentialFactory("Braid demo"),
                    new DigestCredentialFactory("SHA-256", "Braid demo", 300, RealTime.INSTANCE),
                    new DigestCredentialFactory("MD5", "Braid demo", 300, RealTime.INSTANCE))));
            Path homes = etc.resolve("users");
            if (Files.isDirectory(homes)) {
                root.putChild("users", new HttpAuthWrapper(new Portal(new UserDirectoryRealm(homes), List.of(users)),
                        List.of(new BasicCredentialFactory("Braid user pages"))));
            }
        }
        Path cgi = etc.resolve("cgi-bin");
        if (Files.isDirectory(cgi)) {
            root.putChild("cgi-bin", new CgiDirectory(cgi));
        }
        root.putChild("app", new HttpHandlerResource(HttpHandlerResource.boundedExecutor(10), HELLO_APP));
        root.putChild("proxy", new ReverseProxyResource("127.0.0.1", selfPort, "/static"));
        NameVirtualHost hosts = new NameVirtualHost();
        hosts.addHost("localhost", text("You asked for localhost."));
        hosts.setDefault(text("You asked for another host name (try http://localhost:PORT/vhost)."));
        root.putChild("vhost", hosts);
    }

    /** A plain JDK HttpHandler, as another project would write it. */
    static final HttpHandler HELLO_APP = exchange -> {
        byte[] body = ("Hello from a JDK HttpHandler at " + exchange.getRequestURI() + " (mounted at "
                + exchange.getHttpContext().getPath() + ")\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    };

    private static Resource text(String message) {
        return new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return message;
            }
        };
    }

    /** What a logged-in user sees at /private. */
    private static final class Secret extends Resource {
        private final String user;

        Secret(String user) {
            this.user = user;
        }

        @Override
        protected Object renderGet(Request request) {
            return "<html><body><p>Welcome, " + dev.braid.web.internal.Html.escape(user)
                    + ". This page needs a password.</p></body></html>";
        }
    }

    /** Wall-clock seconds, for nonces outside any loop. */
    private enum RealTime implements dev.braid.deferred.ReactorTime {
        INSTANCE;

        @Override
        public double seconds() {
            return System.currentTimeMillis() / 1000.0;
        }

        @Override
        public dev.braid.deferred.DelayedCall callLater(double delay, Runnable fn) {
            throw new UnsupportedOperationException("only seconds() is needed");
        }

        @Override
        public List<dev.braid.deferred.DelayedCall> getDelayedCalls() {
            return List.of();
        }
    }
}
