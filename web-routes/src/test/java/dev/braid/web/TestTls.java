package dev.braid.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A self-signed key for localhost and 127.0.0.1 made by the JDK's keytool, and a client that trusts it. */
public final class TestTls {
    private TestTls() {
    }

    /**
     * Makes a fresh key pair in {@code dir} and returns server TLS settings for it.
     *
     * @param dir where the keystore is written
     * @return TLS for a Helidon listener
     */
    public static Tls serverTls(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "password", "-keypass", "password")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool failed");
        Keys serverKeys = Keys.builder().keystore(k -> k.passphrase("password").keyAlias("server")
                .keystore(Resource.create(store))).build();
        return Tls.builder().privateKey(serverKeys).privateKeyCertChain(serverKeys).build();
    }

    /**
     * Returns a client context that trusts any certificate (the test's own).
     *
     * @return the context
     */
    public static SSLContext trustingClient() throws GeneralSecurityException {
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
        return trustAll;
    }
}
