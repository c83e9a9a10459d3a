package dev.braid.web.guard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fields of a Digest {@code Authorization} header (RFC 7616), already
 * checked for freshness by {@link DigestCredentialFactory}. A checker proves
 * them with the user's clear-text password ({@link #checkPassword}) or with
 * the stored {@code HA1 = H(user:realm:password)} ({@link #checkHash}); both
 * compare in constant time.
 *
 * @param username the user name
 * @param realm the realm the client answered for
 * @param algorithm "MD5" or "SHA-256"
 * @param method the request method
 * @param uri the {@code uri} field
 * @param nonce the server's nonce
 * @param nc the nonce count, 8 hex digits
 * @param cnonce the client's nonce
 * @param qop "auth"
 * @param response the client's digest
 */
public record DigestCredentials(String username, String realm, String algorithm, String method, String uri,
                                String nonce, String nc, String cnonce, String qop, String response)
        implements Credentials {
    /**
     * Checks against a clear-text password.
     *
     * @param password the user's password
     * @return whether the response matches
     */
    public boolean checkPassword(String password) {
        return checkHash(hash(username + ":" + realm + ":" + password));
    }

    /**
     * Checks against a stored HA1 ({@code H(user:realm:password)}, hex).
     *
     * @param ha1 the stored hash
     * @return whether the response matches
     */
    public boolean checkHash(String ha1) {
        String ha2 = hash(method + ":" + uri);
        String expected = hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** H() of the credentials' algorithm, as lower-case hex. */
    String hash(String text) {
        try {
            String jdkName = algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5";
            return HexFormat.of().formatHex(MessageDigest.getInstance(jdkName)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "DigestCredentials[" + username + ", " + algorithm + "]";
    }
}
