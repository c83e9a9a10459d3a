package dev.braid.app.endpoint;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cases from probe p10 (Twisted 22.4's serverFromString). */
class EndpointParserTest {
    private static final Path BASE = Path.of("/srv");

    private static ServerEndpoint.Tcp tcp(String description) {
        return assertInstanceOf(ServerEndpoint.Tcp.class, EndpointParser.parse(description, BASE));
    }

    @Test
    void tcpTakesPortInterfaceAndBacklogLikeTwisted() {
        assertEquals(new ServerEndpoint.Tcp(8080, 50, "", "tcp:8080"), tcp("tcp:8080"));
        assertEquals("127.0.0.1", tcp("tcp:8080:interface=127.0.0.1").interfaceHost());
        ServerEndpoint.Tcp v6 = tcp("tcp:port=8080:backlog=10:interface=\\:\\:1");
        assertEquals(8080, v6.port());
        assertEquals(10, v6.backlog());
        assertEquals("::1", v6.interfaceHost());
        assertEquals("9090", tcp("tcp:8080:9090").interfaceHost(), "the second positional is the interface");
        assertEquals(0, tcp("tcp:port=0").port());
        assertEquals(8080, tcp("tcp: 8080").port());
        assertEquals("0.0.0.0", tcp("tcp:8080:interface=").bindHost());
    }

    @Test
    void theTypeIsCaseInsensitiveUnlikeTwisted() {
        assertEquals(8080, tcp("TCP:8080").port());
    }

    @Test
    void errorsUseTwistedsWordsWhereItHasThem() {
        assertEquals("Unknown endpoint type: '8080'",
                assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("8080", BASE)).getMessage());
        assertEquals("Unknown endpoint type: 'bogus'",
                assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("bogus:1", BASE)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:abc", BASE))
                .getMessage().contains("invalid port 'abc'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:", BASE))
                .getMessage().contains("invalid port ''"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:8080:foo=bar", BASE))
                .getMessage().contains("unknown argument 'foo'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:99999", BASE))
                .getMessage().contains("outside 0-65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:-1", BASE))
                .getMessage().contains("outside 0-65535"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:8080:backlog=x", BASE))
                .getMessage().contains("invalid backlog 'x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("tcp:80:port=81", BASE))
                .getMessage().contains("port given twice"));
    }

    @Test
    void sslResolvesItsKeysAndDefaultsTheCertificateToTheKey() {
        ServerEndpoint.Ssl ssl = assertInstanceOf(ServerEndpoint.Ssl.class,
                EndpointParser.parse("ssl:443:privateKey=key.pem:certKey=/etc/cert.pem", BASE));
        assertEquals(443, ssl.tcp().port());
        assertEquals(Path.of("/srv/key.pem"), ssl.privateKey());
        assertEquals(Path.of("/etc/cert.pem"), ssl.certKey());
        ServerEndpoint.Ssl single = assertInstanceOf(ServerEndpoint.Ssl.class,
                EndpointParser.parse("ssl:8443:privateKey=server.pem", BASE));
        assertEquals(single.privateKey(), single.certKey());
        assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("ssl:443", BASE));
    }

    @Test
    void unixTakesAPathAnOctalModeAndALockfileFlag() {
        ServerEndpoint.Unix unix = assertInstanceOf(ServerEndpoint.Unix.class,
                EndpointParser.parse("unix:/var/run/x.sock:mode=660:lockfile=1", BASE));
        assertEquals(Path.of("/var/run/x.sock"), unix.address());
        assertEquals(0660, unix.mode());
        assertTrue(unix.lockfile());
        assertEquals(Path.of("/srv/x.sock"), assertInstanceOf(ServerEndpoint.Unix.class,
                EndpointParser.parse("unix:x.sock", BASE)).address());
        assertThrows(IllegalArgumentException.class, () -> EndpointParser.parse("unix:/x:mode=9", BASE));
    }
}
