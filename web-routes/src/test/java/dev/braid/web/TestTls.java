package dev.braid.web;

import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool, as Helidon TLS. */
public final class TestTls {
    private TestTls() {
    }

    /**
     * Makes a key store in {@code dir} and returns the server TLS for it.
     *
     * @param dir a scratch directory
     * @return TLS with the new key and certificate
     * @throws IOException if keytool fails
     * @throws InterruptedException if interrupted while keytool runs
     */
    public static Tls selfSigned(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "password", "-keypass", "password")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed");
        }
        Keys serverKeys = Keys.builder().keystore(k -> k.passphrase("password").keyAlias("server")
                .keystore(Resource.create(store))).build();
        return Tls.builder().privateKey(serverKeys).privateKeyCertChain(serverKeys).build();
    }
}
