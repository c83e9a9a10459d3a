package dev.braid.web.guard;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;

/**
 * Verifies every password format Apache's {@code htpasswd} writes: bcrypt
 * ({@code -B}: {@code $2y$}, also {@code $2a$}, {@code $2b$}), MD5-crypt
 * ({@code -m}: {@code $apr1$}, and {@code $1$}), SHA-256-crypt ({@code -2}:
 * {@code $5$}), SHA-512-crypt ({@code -5}: {@code $6$}), DES crypt ({@code -d}:
 * 13 characters of the crypt alphabet), {@code {SHA}} ({@code -s}: base64
 * SHA-1) and plain text ({@code -p}). Comparisons are constant-time.
 *
 * <p>Anything that looks like a hash is never compared as plain text: an
 * entry starting with {@code $} or {@code {SCHEME}} that is not one of these
 * formats is {@link Format#UNSUPPORTED} and matches no password, and a
 * 13-character entry of the crypt alphabet is a DES hash, never a password.
 */
public final class PasswordHashes {
    private static final Pattern DES = Pattern.compile("[./0-9A-Za-z]{13}");
    private static final Pattern SCHEME = Pattern.compile("\\{[A-Za-z0-9-]+}.*");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The formats of a password file's entries. */
    public enum Format {
        /** bcrypt ({@code $2y$}, {@code $2a$}, {@code $2b$}). */
        BCRYPT,
        /** Apache's MD5-crypt ({@code $apr1$}). */
        APR1,
        /** MD5-crypt ({@code $1$}). */
        MD5_CRYPT,
        /** SHA-256-crypt ({@code $5$}). */
        SHA256_CRYPT,
        /** SHA-512-crypt ({@code $6$}). */
        SHA512_CRYPT,
        /** Traditional DES crypt. */
        DES_CRYPT,
        /** base64 SHA-1 ({@code {SHA}}). */
        SHA1,
        /** Plain text. */
        PLAIN,
        /** Looks like a hash of a format Braid does not verify: it never matches. */
        UNSUPPORTED
    }

    private PasswordHashes() {
    }

    /**
     * Tells the format of an entry.
     *
     * @param stored the file's password field
     * @return its format
     */
    public static Format format(String stored) {
        if (stored.startsWith("$2y$") || stored.startsWith("$2a$") || stored.startsWith("$2b$")) {
            return Format.BCRYPT;
        }
        if (stored.startsWith("$apr1$")) {
            return Format.APR1;
        }
        if (stored.startsWith("$1$")) {
            return Format.MD5_CRYPT;
        }
        if (stored.startsWith("$5$")) {
            return Format.SHA256_CRYPT;
        }
        if (stored.startsWith("$6$")) {
            return Format.SHA512_CRYPT;
        }
        if (stored.startsWith("{SHA}")) {
            return Format.SHA1;
        }
        if (stored.startsWith("$") || SCHEME.matcher(stored).matches()) {
            return Format.UNSUPPORTED;
        }
        return DES.matcher(stored).matches() ? Format.DES_CRYPT : Format.PLAIN;
    }

    /**
     * Returns whether {@code password} matches {@code stored}.
     *
     * @param password what the user typed
     * @param stored the file's entry
     * @return true if it matches; false for an {@link Format#UNSUPPORTED} or malformed entry
     */
    public static boolean verify(String password, String stored) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        try {
            return switch (format(stored)) {
                case BCRYPT -> BCrypt.verifyer().verify(password.toCharArray(), stored.toCharArray()).verified;
                case APR1 -> equal(Md5Crypt.apr1Crypt(key, stored), stored);
                case MD5_CRYPT -> equal(Md5Crypt.md5Crypt(key, stored), stored);
                case SHA256_CRYPT -> equal(Sha2Crypt.sha256Crypt(key, stored), stored);
                case SHA512_CRYPT -> equal(Sha2Crypt.sha512Crypt(key, stored), stored);
                case DES_CRYPT -> equal(UnixCrypt.crypt(key, stored), stored);
                case SHA1 -> equal("{SHA}" + Base64.getEncoder().encodeToString(digest("SHA-1", key)), stored);
                case PLAIN -> equal(password, stored);
                case UNSUPPORTED -> false;
            };
        } catch (IllegalArgumentException malformed) {
            return false;   // a truncated hash, a bad salt or a bcrypt cost out of range
        }
    }

    /**
     * Returns whether an entry holds a hash (and so cannot serve Digest authentication).
     *
     * @param stored the file's entry
     * @return true for every format but plain text
     */
    public static boolean isHashed(String stored) {
        return format(stored) != Format.PLAIN;
    }

    /**
     * Makes a hash of a random password in the same format and at the same
     * cost as {@code like}: what an unknown user's password is checked
     * against, so that an unknown user takes as long to refuse as a wrong
     * password does.
     *
     * @param like an entry of the file
     * @return a hash no password is known for
     */
    public static String dummyLike(String like) {
        String secret = HexFormat.of().formatHex(randomBytes(16));
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        return switch (format(like)) {
            case BCRYPT -> BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(bcryptCost(like), secret.toCharArray());
            case APR1 -> Md5Crypt.apr1Crypt(key);
            case MD5_CRYPT -> Md5Crypt.md5Crypt(key);
            case SHA256_CRYPT -> Sha2Crypt.sha256Crypt(key, shaCryptSalt(like, "$5$"));
            case SHA512_CRYPT -> Sha2Crypt.sha512Crypt(key, shaCryptSalt(like, "$6$"));
            case DES_CRYPT -> UnixCrypt.crypt(key);
            case SHA1 -> "{SHA}" + Base64.getEncoder().encodeToString(digest("SHA-1", key));
            case PLAIN, UNSUPPORTED -> secret;
        };
    }

    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The cost of {@code $2y$05$...}, or 10 if unreadable. */
    private static int bcryptCost(String hash) {
        try {
            int cost = Integer.parseInt(hash.substring(4, 6));
            return Math.clamp(cost, 4, 31);
        } catch (RuntimeException e) {
            return 10;
        }
    }

    /** A fresh salt with the same {@code rounds=N} as {@code like}, so the dummy costs as much. */
    private static String shaCryptSalt(String like, String prefix) {
        String rest = like.substring(prefix.length());
        String rounds = rest.startsWith("rounds=") && rest.indexOf('$') > 0
                ? rest.substring(0, rest.indexOf('$') + 1) : "";
        String salt = Base64.getEncoder().withoutPadding().encodeToString(randomBytes(12))
                .replace('+', '.');
        return prefix + rounds + salt;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
