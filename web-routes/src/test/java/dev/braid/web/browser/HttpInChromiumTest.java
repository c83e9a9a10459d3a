package dev.braid.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferreds;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.TestTls;
import dev.braid.web.guard.CredentialsChecker;
import dev.braid.web.guard.DigestAnswers;
import dev.braid.web.guard.DigestCredentialFactory;
import dev.braid.web.guard.FilePasswordDb;
import dev.braid.web.guard.HttpAuthWrapper;
import dev.braid.web.guard.Portal;
import dev.braid.web.guard.Realm;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Chromium makes of Braid's HTTP: both Digest algorithms (Chromium
 * answers the first Digest challenge, so each order tries the other one), and
 * two cookies set by one response over HTTP/2 with TLS.
 */
class HttpInChromiumTest {
    @TempDir
    static Path dir;
    private static WebServer server;
    private static Chromium chromium;
    private static Browser browser;
    private static final List<String> ALGORITHMS = new CopyOnWriteArrayList<>();

    static void routing(HttpRouting.Builder routing, Path passwords) {
        Resource root = new Resource();
        root.putChild("cookies", new Resource() {
            @Override
            protected Object renderGet(Request request) {
                request.addCookie("first", "1");
                request.addCookie("second", "2");
                return "<p>two cookies</p>";
            }
        });
        CredentialsChecker recording = DigestAnswers.recordingAlgorithms(FilePasswordDb.builder(passwords).build(),
                ALGORITHMS);
        Realm realm = user -> Deferreds.succeed(new Realm.Avatar(new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return "<p>hello " + user + "</p>";
            }
        }, () -> { }));
        Portal portal = new Portal(realm, List.of(recording));
        Clock clock = new Clock();
        root.putChild("sha-first", new HttpAuthWrapper(portal, List.of(
                new DigestCredentialFactory("SHA-256", "chromium", 300, clock),
                new DigestCredentialFactory("MD5", "chromium", 300, clock))));
        root.putChild("md5-first", new HttpAuthWrapper(portal, List.of(
                new DigestCredentialFactory("MD5", "chromium", 300, clock),
                new DigestCredentialFactory("SHA-256", "chromium", 300, clock))));
        routing.register(Site.builder(root).accessLog(null).build());
    }

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.launch();
        browser = chromium.browser();
        Path passwords = Files.writeString(dir.resolve("htpasswd"), "bob:builder\n");
        var tls = TestTls.serverTls(dir);
        server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> routing(r, passwords))
                .putSocket("https", socket -> socket.host("127.0.0.1").port(0).tls(tls))
                .routing("https", r -> routing(r, passwords))
                .build().start();
    }

    @AfterAll
    static void stop() {
        Chromium.stop(chromium, server);
    }

    private static Page page(BrowserContext context) {
        Page page = context.newPage();
        page.setDefaultNavigationTimeout(5_000);
        return page;
    }

    private static String protocol(Page page) {
        return (String) page.evaluate("() => performance.getEntriesByType('navigation')[0].nextHopProtocol");
    }

    @Test
    void digestWithMd5AndSha256() {
        for (String scheme : new String[] {"http", "https"}) {
            int port = scheme.equals("http") ? server.port() : server.port("https");
            ALGORITHMS.clear();
            try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                    .setHttpCredentials("bob", "builder").setIgnoreHTTPSErrors(true))) {
                Page page = page(context);
                for (String path : new String[] {"/sha-first", "/md5-first"}) {
                    Response response = page.navigate(scheme + "://127.0.0.1:" + port + path);
                    assertEquals(200, response.status(), scheme + " " + path);
                    assertEquals("hello bob", page.textContent("p"));
                }
                if (scheme.equals("https")) {
                    assertEquals("h2", protocol(page), "over HTTP/2 the challenges come folded into one header");
                }
            }
            assertEquals(Set.of("MD5", "SHA-256"), Set.copyOf(ALGORITHMS), scheme + ": " + ALGORITHMS);
        }
    }

    @Test
    void twoCookiesOfOneResponseOverHttp2WithTls() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setIgnoreHTTPSErrors(true))) {
            Page page = page(context);
            page.navigate("https://127.0.0.1:" + server.port("https") + "/cookies");
            assertEquals("h2", protocol(page));
            assertEquals(List.of("first=1", "second=2"), context.cookies().stream()
                    .map((Cookie c) -> c.name + "=" + c.value).sorted().toList());
        }
    }
}
