package dev.braid.web.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import dev.braid.deferred.Deferreds;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.Site;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic and Digest authentication over real HTTP, with real htpasswd/htdigest files. */
class GuardTest {
    @TempDir
    static Path dir;
    static final List<String> LOGOUTS = new CopyOnWriteArrayList<>();
    static final Clock CLOCK = new Clock();
    /** The algorithm of every Digest answer the checker saw, to know which one a client chose. */
    static final List<String> ALGORITHMS = new CopyOnWriteArrayList<>();
    static WebServer server;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The avatar: echoes who it is and where traversal continued. */
    static final class Secret extends Resource {
        private final String user;

        Secret(String user) {
            this.user = user;
            putChild("sub", new Resource() {
                @Override
                protected Object renderGet(Request request) {
                    return "sub page for " + user;
                }
            });
        }

        @Override
        protected Object renderGet(Request request) {
            return "secret of " + user + " at " + request.prepath();
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    @BeforeAll
    static void start() throws Exception {
        Path htpasswd = dir.resolve("htpasswd");
        run("htpasswd", "-cbB", htpasswd.toString(), "bcrypt-user", "bcrypt pw");
        run("htpasswd", "-bm", htpasswd.toString(), "apr-user", "apr:pw");
        run("htpasswd", "-bs", htpasswd.toString(), "sha-user", "sha-pw");
        run("htpasswd", "-bp", htpasswd.toString(), "plain-user", "plain-pw");
        Realm realm = avatarId -> Deferreds.succeed(new Realm.Avatar(new Secret(avatarId), () -> LOGOUTS.add(avatarId)));
        Portal basicPortal = new Portal(realm, List.of(FilePasswordDb.builder(htpasswd).build()));
        Portal digestPortal = new Portal(realm, List.of(DigestAnswers.recordingAlgorithms(FilePasswordDb.builder(htpasswd).build(), ALGORITHMS)));
        Portal anonymous = new Portal(realm, List.of(CredentialsChecker.ALLOW_ANONYMOUS));
        Resource root = new Resource();
        root.putChild("basic", new HttpAuthWrapper(basicPortal, List.of(new BasicCredentialFactory("example.com"))));
        root.putChild("digest", new HttpAuthWrapper(digestPortal, List.of(
                new DigestCredentialFactory("SHA-256", "example.com", 300, CLOCK),
                new DigestCredentialFactory("MD5", "example.com", 300, CLOCK))));
        root.putChild("md5-first", new HttpAuthWrapper(digestPortal, List.of(
                new DigestCredentialFactory("MD5", "example.com", 300, CLOCK),
                new DigestCredentialFactory("SHA-256", "example.com", 300, CLOCK))));
        root.putChild("both", new HttpAuthWrapper(basicPortal, List.of(new BasicCredentialFactory("b\"q"),
                new DigestCredentialFactory("MD5", "r", 300, CLOCK))));
        root.putChild("open", new HttpAuthWrapper(anonymous, List.of(new BasicCredentialFactory("x"))));
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).accessLog(null).build())).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsEveryFactoryChallenges() throws Exception {
        HttpResponse<String> r = get("/both");
        assertEquals(401, r.statusCode());
        assertEquals("Unauthorized", r.body());
        List<String> challenges = r.headers().allValues("WWW-Authenticate");
        assertEquals(2, challenges.size());
        assertEquals("basic realm=\"b\\\"q\"", challenges.get(0), "values quoted and escaped");
        assertTrue(challenges.get(1).matches("digest realm=\"r\", qop=\"auth\", algorithm=MD5, nonce=\"[0-9a-f]{32}\","
                + " opaque=\"[0-9a-f]{32}\""), challenges.get(1));
    }

    @Test
    void basicWithEveryHtpasswdFormat() throws Exception {
        assertEquals("secret of bcrypt-user at [basic]", get("/basic", "Authorization", basic("bcrypt-user", "bcrypt pw")).body());
        assertEquals("secret of apr-user at [basic]", get("/basic", "Authorization", basic("apr-user", "apr:pw")).body());
        assertEquals("secret of sha-user at [basic]", get("/basic", "Authorization", basic("sha-user", "sha-pw")).body());
        assertEquals("secret of plain-user at [basic]", get("/basic", "Authorization", basic("plain-user", "plain-pw")).body());
        assertEquals("sub page for plain-user", get("/basic/sub", "Authorization", basic("plain-user", "plain-pw")).body(),
                "traversal continues from the avatar");
    }

    @Test
    void badBasicCredentialsAre401() throws Exception {
        for (String header : new String[] {basic("bcrypt-user", "wrong"), basic("nobody", "x"), "Basic !!!notbase64",
            "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()), "Bearer token", "Basic"}) {
            assertEquals(401, get("/basic", "Authorization", header).statusCode(), header);
        }
        String unpadded = basic("plain-user", "plain-pw").replace("=", "");
        assertEquals(200, get("/basic", "Authorization", unpadded).statusCode(), "lenient padding, as in Twisted");
    }

    @Test
    void logoutRunsAfterTheResponse() throws Exception {
        LOGOUTS.clear();
        get("/basic", "Authorization", basic("sha-user", "sha-pw"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (LOGOUTS.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("sha-user"), LOGOUTS);
    }

    @Test
    void anonymousAccessWhenACheckerAllowsIt() throws Exception {
        assertEquals("secret of anonymous at [open]", get("/open").body());
    }

    @Test
    void curlDigestWithMd5AndSha256() throws Exception {
        ALGORITHMS.clear();
        for (String path : new String[] {"/digest/sub", "/md5-first/sub"}) {
            String url = "http://127.0.0.1:" + server.port() + path;
            Process curl = new ProcessBuilder("curl", "-s", "--digest", "-u", "plain-user:plain-pw", url).start();
            String body = new String(curl.getInputStream().readAllBytes());
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            assertEquals("sub page for plain-user", body, path);
        }
        assertEquals(java.util.Set.of("MD5", "SHA-256"), java.util.Set.copyOf(ALGORITHMS),
                "curl answers the last challenge it reads: each order tries the other algorithm " + ALGORITHMS);
    }

    @Test
    void eachDigestAnswerGoesToTheFactoryOfItsAlgorithm() throws Exception {
        for (String path : new String[] {"/digest", "/md5-first"}) {
            for (String algorithm : new String[] {"MD5", "SHA-256"}) {
                Map<String, String> c = challenge(get(path), algorithm);
                String answer = digestHeader(algorithm, c, "plain-user", "plain-pw", path, "00000001");
                assertEquals(200, get(path, "Authorization", answer).statusCode(), algorithm + " at " + path);
            }
        }
        Map<String, String> c = challenge(get("/digest"), "MD5");
        String unnamed = digestHeader("MD5", c, "plain-user", "plain-pw", "/digest", "00000001")
                .replace(", algorithm=MD5", "");
        assertEquals(200, get("/digest", "Authorization", unnamed).statusCode(), "no algorithm means MD5");
        String unknown = digestHeader("SHA-256", challenge(get("/digest"), "SHA-256"), "plain-user", "plain-pw",
                "/digest", "00000001").replace("algorithm=SHA-256", "algorithm=SHA-512-256");
        assertEquals(401, get("/digest", "Authorization", unknown).statusCode(), "an algorithm nobody offered");
    }

    static String digestHeader(String algorithm, Map<String, String> challenge, String user, String password,
                               String uri, String nc) throws Exception {
        return DigestAnswers.answer(algorithm, challenge, user, password, uri, nc);
    }

    static Map<String, String> challenge(HttpResponse<String> r, String algorithm) {
        return DigestAnswers.challenge(r.headers().allValues("WWW-Authenticate"), algorithm);
    }

    @Test
    void digestRejectsReplaysAndSaysStaleForExpiredNonces() throws Exception {
        Map<String, String> c = challenge(get("/digest"), "SHA-256");
        String first = digestHeader("SHA-256", c, "plain-user", "plain-pw", "/digest", "00000001");
        assertEquals(200, get("/digest", "Authorization", first).statusCode());
        assertEquals(401, get("/digest", "Authorization", first).statusCode(), "the same nc twice is a replay");
        String second = digestHeader("SHA-256", c, "plain-user", "plain-pw", "/digest", "00000002");
        assertEquals(200, get("/digest", "Authorization", second).statusCode(), "the next nc is fine");
        String wrongUri = digestHeader("SHA-256", c, "plain-user", "plain-pw", "/elsewhere", "00000003");
        assertEquals(401, get("/digest", "Authorization", wrongUri).statusCode());
        String wrongPassword = digestHeader("SHA-256", c, "plain-user", "nope", "/digest", "00000004");
        assertEquals(401, get("/digest", "Authorization", wrongPassword).statusCode());
        String hashedUser = digestHeader("SHA-256", c, "bcrypt-user", "bcrypt pw", "/digest", "00000005");
        assertEquals(401, get("/digest", "Authorization", hashedUser).statusCode(), "hashed entries cannot do Digest");
        CLOCK.advance(301);
        String late = digestHeader("SHA-256", c, "plain-user", "plain-pw", "/digest", "00000006");
        HttpResponse<String> stale = get("/digest", "Authorization", late);
        assertEquals(401, stale.statusCode());
        assertTrue(stale.headers().allValues("WWW-Authenticate").stream().allMatch(h -> h.endsWith(", stale=true")),
                stale.headers().allValues("WWW-Authenticate").toString());
    }

    @Test
    void htdigestFilesServeDigest() throws Exception {
        Path file = dir.resolve("htdigest");
        Process p = new ProcessBuilder("htdigest", "-c", file.toString(), "example.com", "dee").start();
        p.getOutputStream().write("dee-pw\ndee-pw\n".getBytes());
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0);
        FilePasswordDb db = FilePasswordDb.htdigest(file, "example.com");
        DigestCredentials ok = new DigestCredentials("dee", "example.com", "MD5", "GET", "/", "n", "00000001", "c",
                "auth", "");
        String expected = digestResponse(ok, "dee-pw");
        DigestCredentials signed = new DigestCredentials("dee", "example.com", "MD5", "GET", "/", "n", "00000001", "c",
                "auth", expected);
        assertEquals("dee", dev.braid.deferred.testing.Trial.successResultOf(db.requestAvatarId(signed)));
    }

    static String digestResponse(DigestCredentials c, String password) {
        String ha1 = c.hash(c.username() + ":" + c.realm() + ":" + password);
        return c.hash(ha1 + ":" + c.nonce() + ":" + c.nc() + ":" + c.cnonce() + ":" + c.qop() + ":"
                + c.hash(c.method() + ":" + c.uri()));
    }

    @Test
    void filePasswordDbOptionsAndErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("db"), "Alice;x;secret\n\nbob;x;pw;extra  \n#carol;x;c\n");
        FilePasswordDb insensitive = FilePasswordDb.builder(file).delimiter(";").passwordField(2)
                .caseSensitive(false).cache(true).build();
        assertEquals("alice", dev.braid.deferred.testing.Trial.successResultOf(
                insensitive.requestAvatarId(new Credentials.UsernamePassword("ALICE", "secret"))));
        assertEquals("#carol", dev.braid.deferred.testing.Trial.successResultOf(
                insensitive.requestAvatarId(new Credentials.UsernamePassword("#carol", "c"))), "no comment syntax");
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> FilePasswordDb.builder(dir.resolve("absent")).build());
        assertTrue(missing.getMessage().startsWith("cannot read the password file"), missing.getMessage());
        Path bad = Files.writeString(dir.resolve("bad"), "ok:pw\nnocolon\n");
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> FilePasswordDb.builder(bad).build());
        assertTrue(malformed.getMessage().contains("line 2"), malformed.getMessage());
    }

    @Test
    void userDirectoriesCannotEscape() throws Exception {
        Path base = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(base.resolve("alice/public_html"));
        Files.writeString(base.resolve("alice/public_html/index.html"), "alice's page");
        UserDirectoryRealm realm = new UserDirectoryRealm(base);
        Resource root = new Resource();
        for (String user : new String[] {"alice", "..", "../alice", "a/b", ".hidden", "nobody"}) {
            Realm.Avatar avatar = dev.braid.deferred.testing.Trial.successResultOf(realm.requestAvatar(user));
            root.putChild(user.replace('/', '_').replace('.', 'd'), avatar.resource());
        }
        WebServer users = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.register(Site.builder(root).accessLog(null).build())).build().start();
        try {
            HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + users.port()
                    + "/alice/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("alice's page", page.body());
            for (String name : new String[] {"dd", "dd_alice", "a_b", "dhidden", "nobody"}) {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + users.port() + "/" + name + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, r.statusCode(), name);
                assertFalse(r.body().contains("alice's page"));
            }
        } finally {
            users.stop();
        }
    }
}
