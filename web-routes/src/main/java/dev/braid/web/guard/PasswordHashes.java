package dev.braid.web.guard;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Verifies the password hashes Apache's {@code htpasswd} writes: bcrypt
 * ({@code $2y$}, {@code $2a$}, {@code $2b$}), MD5-crypt ({@code $apr1$} and
 * {@code $1$}), {@code {SHA}} (base64 SHA-1), and plain text for anything
 * else. Comparisons are constant-time.
 */
public final class PasswordHashes {
    private static final String ITOA64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private PasswordHashes() {
    }

    /**
     * Returns whether {@code password} matches {@code stored}.
     *
     * @param password what the user typed
     * @param stored the file's entry
     * @return true if it matches
     */
    public static boolean verify(String password, String stored) {
        if (stored.startsWith("$2y$") || stored.startsWith("$2a$") || stored.startsWith("$2b$")) {
            return BCrypt.verifyer().verify(password.toCharArray(), stored.toCharArray()).verified;
        }
        if (stored.startsWith("$apr1$")) {
            return equal(md5Crypt(password, stored, "$apr1$"), stored);
        }
        if (stored.startsWith("$1$")) {
            return equal(md5Crypt(password, stored, "$1$"), stored);
        }
        if (stored.startsWith("{SHA}")) {
            return equal("{SHA}" + Base64.getEncoder().encodeToString(digest("SHA-1",
                    password.getBytes(StandardCharsets.UTF_8))), stored);
        }
        return equal(password, stored);
    }

    /**
     * Returns whether an entry holds a hash (and so cannot serve Digest authentication).
     *
     * @param stored the file's entry
     * @return true for the hashed formats
     */
    public static boolean isHashed(String stored) {
        return stored.startsWith("$") || stored.startsWith("{SHA}");
    }

    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The MD5-crypt algorithm (Poul-Henning Kamp's, and Apache's $apr1$ variant of it). */
    static String md5Crypt(String password, String stored, String magic) {
        String rest = stored.substring(magic.length());
        int dollar = rest.indexOf('$');
        String salt = dollar < 0 ? rest : rest.substring(0, dollar);
        if (salt.length() > 8) {
            salt = salt.substring(0, 8);
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] saltBytes = salt.getBytes(StandardCharsets.UTF_8);
        MessageDigest ctx = md5();
        ctx.update(pw);
        ctx.update(magic.getBytes(StandardCharsets.UTF_8));
        ctx.update(saltBytes);
        MessageDigest alt = md5();
        alt.update(pw);
        alt.update(saltBytes);
        alt.update(pw);
        byte[] altResult = alt.digest();
        for (int left = pw.length; left > 0; left -= 16) {
            ctx.update(altResult, 0, Math.min(16, left));
        }
        for (int i = pw.length; i != 0; i >>>= 1) {
            if ((i & 1) != 0) {
                ctx.update((byte) 0);
            } else {
                ctx.update(pw, 0, Math.min(1, pw.length));
            }
        }
        byte[] result = ctx.digest();
        for (int round = 0; round < 1000; round++) {
            MessageDigest step = md5();
            if ((round & 1) != 0) {
                step.update(pw);
            } else {
                step.update(result);
            }
            if (round % 3 != 0) {
                step.update(saltBytes);
            }
            if (round % 7 != 0) {
                step.update(pw);
            }
            if ((round & 1) != 0) {
                step.update(result);
            } else {
                step.update(pw);
            }
            result = step.digest();
        }
        StringBuilder out = new StringBuilder(magic).append(salt).append('$');
        encode(out, result[0], result[6], result[12], 4);
        encode(out, result[1], result[7], result[13], 4);
        encode(out, result[2], result[8], result[14], 4);
        encode(out, result[3], result[9], result[15], 4);
        encode(out, result[4], result[10], result[5], 4);
        encode(out, (byte) 0, (byte) 0, result[11], 2);
        return out.toString();
    }

    private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int chars) {
        int value = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(ITOA64.charAt(value & 0x3f));
            value >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
