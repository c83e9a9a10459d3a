package dev.braid.web.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferreds;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard under attack: Digest nonce counts that once allocated memory in
 * proportion to their value, password files in every htpasswd format (no
 * hash is ever compared as plain text), unknown users checked against a
 * dummy hash, and the slow-down after repeated failures.
 */
@Timeout(120)
class GuardHardeningTest {
    @TempDir
    static Path dir;
    static final Clock CLOCK = new Clock();
    static final Clock THROTTLE_TIME = new Clock();
    static final LoginThrottle THROTTLE = LoginThrottle.builder().freeFailures(3).firstDelay(Duration.ofMillis(20))
            .maxDelay(Duration.ofMillis(80)).forgetAfter(Duration.ofMinutes(1)).time(THROTTLE_TIME::seconds).build();
    static WebServer server;
    static Path htpasswd;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        htpasswd = dir.resolve("htpasswd");
        GuardTest.run("htpasswd", "-cbB", htpasswd.toString(), "bcrypt-user", "bcrypt pw");
        GuardTest.run("htpasswd", "-bm", htpasswd.toString(), "apr-user", "apr pw");
        GuardTest.run("htpasswd", "-b2", htpasswd.toString(), "sha256-user", "sha256 pw");
        GuardTest.run("htpasswd", "-b5", htpasswd.toString(), "sha512-user", "sha512 pw");
        GuardTest.run("htpasswd", "-b5", "-r", "6000", htpasswd.toString(), "rounds-user", "rounds pw");
        GuardTest.run("htpasswd", "-bd", htpasswd.toString(), "des-user", "despw");
        GuardTest.run("htpasswd", "-bs", htpasswd.toString(), "sha1-user", "sha1 pw");
        GuardTest.run("htpasswd", "-bp", htpasswd.toString(), "plain-user", "plain-pw");
        Files.writeString(htpasswd, "future-user:$7$CU..../....salt$hash\nscheme-user:{SSHA}c2VjcmV0c2FsdA==\n",
                java.nio.file.StandardOpenOption.APPEND);
        Realm realm = id -> Deferreds.succeed(new Realm.Avatar(new Resource() {
            @Override
            protected Object renderGet(Request request) {
                return "hello " + id;
            }
        }, () -> { }));
        Portal portal = new Portal(realm, List.of(FilePasswordDb.builder(htpasswd).build()));
        Resource root = new Resource();
        root.putChild("basic", new HttpAuthWrapper(portal, List.of(new BasicCredentialFactory("x")),
                LoginThrottle.none()));
        root.putChild("throttled", new HttpAuthWrapper(portal, List.of(new BasicCredentialFactory("x")), THROTTLE));
        root.putChild("digest", new HttpAuthWrapper(portal, List.of(new DigestCredentialFactory("MD5", "r", 300, CLOCK)),
                LoginThrottle.none()));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).accessLog(null).build())).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return GuardTest.basic(user, password);
    }

    // ------------------------------------------------------------------ point 2: Digest nonce counts

    @Test
    void hugeNonceCountsCostNoMemory() throws Exception {
        // Each of these once allocated a bit set of nc bits (256 MB for 7fffffff): 40 of them exhaust any test heap.
        for (int i = 0; i < 40; i++) {
            Map<String, String> challenge = GuardTest.challenge(get("/digest"), "MD5");
            String huge = GuardTest.digestHeader("MD5", challenge, "anybody-" + i, "x", "/digest",
                    i % 2 == 0 ? "7fffffff" : "ffffffff");
            assertEquals(401, get("/digest", "Authorization", huge).statusCode());
        }
        Map<String, String> challenge = GuardTest.challenge(get("/digest"), "MD5");
        String tooLong = GuardTest.digestHeader("MD5", challenge, "plain-user", "plain-pw", "/digest", "1000000000");
        assertEquals(401, get("/digest", "Authorization", tooLong).statusCode(), "more than 8 hex digits");
        String ok = GuardTest.digestHeader("MD5", challenge, "plain-user", "plain-pw", "/digest", "fffffffe");
        assertEquals(200, get("/digest", "Authorization", ok).statusCode(), "a large count is still a valid count");
    }

    @Test
    void aLateCountInsideTheWindowIsAcceptedOnceAndOlderOnesNever() throws Exception {
        Map<String, String> challenge = GuardTest.challenge(get("/digest"), "MD5");
        String at100 = GuardTest.digestHeader("MD5", challenge, "plain-user", "plain-pw", "/digest", "00000100");
        String at0f0 = GuardTest.digestHeader("MD5", challenge, "plain-user", "plain-pw", "/digest", "000000f0");
        String at001 = GuardTest.digestHeader("MD5", challenge, "plain-user", "plain-pw", "/digest", "00000001");
        assertEquals(200, get("/digest", "Authorization", at100).statusCode());
        assertEquals(200, get("/digest", "Authorization", at0f0).statusCode(), "16 behind: inside the window");
        assertEquals(401, get("/digest", "Authorization", at0f0).statusCode(), "but only once");
        assertEquals(401, get("/digest", "Authorization", at001).statusCode(), "255 behind: outside the window");
    }

    @Test
    void theWindowKeepsTheHighestCountAndSixtyFourBelowIt() {
        NonceCountWindow window = new NonceCountWindow();
        assertFalse(window.use(0));
        assertTrue(window.use(0x7fffffffL));
        assertTrue(window.use(0x7fffffffL - 63));
        assertFalse(window.use(0x7fffffffL - 63));
        assertFalse(window.use(0x7fffffffL - 64));
        assertFalse(window.use(1));
        assertTrue(window.use(0xffffffffL));
        assertFalse(window.use(0x7fffffffL - 1), "a jump past the window forgets what was below");
        assertEquals(0xffffffffL, window.highest());
        for (long count = 1; count <= 200; count++) {
            NonceCountWindow inOrder = new NonceCountWindow();
            assertTrue(inOrder.use(count));
        }
    }

    // ------------------------------------------------------------------ point 7: password files

    @Test
    void everyHtpasswdFormatVerifies() throws Exception {
        String[][] users = {{"bcrypt-user", "bcrypt pw"}, {"apr-user", "apr pw"}, {"sha256-user", "sha256 pw"},
            {"sha512-user", "sha512 pw"}, {"rounds-user", "rounds pw"}, {"des-user", "despw"}, {"sha1-user", "sha1 pw"},
            {"plain-user", "plain-pw"}};
        for (String[] user : users) {
            assertEquals("hello " + user[0], get("/basic", "Authorization", basic(user[0], user[1])).body(), user[0]);
            assertEquals(401, get("/basic", "Authorization", basic(user[0], user[1] + "x")).statusCode(), user[0]);
        }
    }

    @Test
    void aStoredHashNeverLogsInAsPlainText() throws Exception {
        for (String line : Files.readAllLines(htpasswd)) {
            String user = line.substring(0, line.indexOf(':'));
            String stored = line.substring(line.indexOf(':') + 1);
            if (!user.equals("plain-user")) {
                assertEquals(401, get("/basic", "Authorization", basic(user, stored)).statusCode(),
                        user + " logged in with the stored hash " + stored);
            }
        }
        assertEquals(PasswordHashes.Format.UNSUPPORTED, PasswordHashes.format("$7$CU..../....salt$hash"));
        assertEquals(PasswordHashes.Format.UNSUPPORTED, PasswordHashes.format("{SSHA}c2VjcmV0"));
        assertEquals(PasswordHashes.Format.DES_CRYPT, PasswordHashes.format("SaAabqS8hpNzI"));
        assertEquals(PasswordHashes.Format.PLAIN, PasswordHashes.format("builder"));
        assertFalse(PasswordHashes.verify("$5$abc", "$5$abc"), "a malformed hash matches nothing");
        assertFalse(PasswordHashes.verify("x", "$2y$99$tooexpensive"), "a bcrypt cost out of range matches nothing");
    }

    @Test
    void unsupportedEntriesAreLoggedWhenTheFileIsRead() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            FilePasswordDb.builder(htpasswd).build();
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("'future-user'") && l.contains("cannot verify")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("'scheme-user'")), lines.toString());
    }

    @Test
    void unknownUsersAreCheckedAgainstADummyHashLikeTheFilesOwn() throws Exception {
        String dummy = FilePasswordDb.builder(htpasswd).build().dummyHash();
        assertEquals(PasswordHashes.Format.BCRYPT, PasswordHashes.format(dummy), "the file's first entry is bcrypt");
        assertEquals("$2y$05$", dummy.substring(0, 7), "at the same cost");
        assertEquals(401, get("/basic", "Authorization", basic("nobody", "bcrypt pw")).statusCode());
        for (String like : new String[] {"$6$rounds=6000$PqyRL8rzmMg6bMgC$x", "$5$ifcUIERhT4twzLG8$x", "$apr1$abc$x",
            "SaAabqS8hpNzI", "{SHA}x"}) {
            String made = PasswordHashes.dummyLike(like);
            assertEquals(PasswordHashes.format(like), PasswordHashes.format(made), like + " -> " + made);
            assertFalse(PasswordHashes.verify("", made));
        }
        assertTrue(PasswordHashes.dummyLike("$6$rounds=6000$PqyRL8rzmMg6bMgC$x").startsWith("$6$rounds=6000$"));
        assertNotEquals(PasswordHashes.dummyLike("plain"), PasswordHashes.dummyLike("plain"), "never guessable");
    }

    // ------------------------------------------------------------------ point 7: slow-down

    @Test
    void repeatedFailuresFromOneAddressAreSlowedDownAndASuccessClearsThem() throws Exception {
        THROTTLE.succeeded("127.0.0.1");
        for (int i = 1; i <= 6; i++) {
            assertEquals(401, get("/throttled", "Authorization", basic("plain-user", "wrong" + i)).statusCode());
            assertEquals(i, THROTTLE.failures("127.0.0.1"));
        }
        assertEquals(Duration.ofMillis(80), THROTTLE.failed("127.0.0.1"), "capped");
        assertEquals(401, get("/throttled").statusCode(), "no credentials is not a failure");
        assertEquals(7, THROTTLE.failures("127.0.0.1"));
        assertEquals(200, get("/throttled", "Authorization", basic("plain-user", "plain-pw")).statusCode());
        assertEquals(0, THROTTLE.failures("127.0.0.1"), "a success clears the record");
    }

    @Test
    void theThrottleDoublesItsDelayForgetsQuietClientsAndStaysBounded() {
        Clock time = new Clock();
        LoginThrottle throttle = LoginThrottle.builder().freeFailures(2).firstDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofSeconds(5)).forgetAfter(Duration.ofSeconds(60)).maxClients(100)
                .time(time::seconds).build();
        assertEquals(Duration.ZERO, throttle.failed("a"));
        assertEquals(Duration.ZERO, throttle.failed("a"));
        assertEquals(Duration.ofSeconds(1), throttle.failed("a"));
        assertEquals(Duration.ofSeconds(2), throttle.failed("a"));
        assertEquals(Duration.ofSeconds(4), throttle.failed("a"));
        assertEquals(Duration.ofSeconds(5), throttle.failed("a"));
        assertEquals(Duration.ZERO, throttle.failed("b"), "per address");
        time.advance(61);
        assertEquals(0, throttle.failures("a"));
        assertEquals(Duration.ZERO, throttle.failed("a"), "forgotten after a quiet minute");
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("10.0." + (i / 256) + "." + (i % 256));
        }
        assertEquals(100, throttle.size());
        assertEquals(Duration.ZERO, LoginThrottle.none().failed("a"));
    }
}
