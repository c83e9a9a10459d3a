package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.log.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Users and passwords from a file (Twisted's {@code FilePasswordDB}), with
 * Twisted's options: the field delimiter, which fields hold the user name and
 * the password, case-insensitive names, and caching (the file is re-read when
 * its modification time changes). Lines are right-stripped, extra fields are
 * ignored, blank lines skipped, and there is no comment syntax (as in Twisted).
 *
 * <ul>
 *   <li>Basic: the password field may be any htpasswd hash (bcrypt, MD5-,
 *       SHA-256-, SHA-512- and DES crypt, {@code {SHA}}) or plain text
 *       ({@link PasswordHashes}). An entry in a hash format Braid does not
 *       verify is refused, with a warning in the log when the file is read,
 *       never compared as plain text. An unknown user's password is checked
 *       against a dummy hash like the file's first hashed entry, so that an
 *       unknown user takes as long to refuse as a wrong password.</li>
 *   <li>Digest: works with plain-text entries, or with an htdigest file
 *       ({@link #htdigest}: {@code user:realm:HA1}).</li>
 * </ul>
 * Beyond Twisted: an unreadable file or a line with too few fields is a clear
 * error when the checker is created, not a silent 401 at login.
 *
 * <pre>{@code
 * CredentialsChecker users = FilePasswordDb.builder(Path.of("etc/htpasswd")).build();   // from `htpasswd -B`
 * }</pre>
 */
public final class FilePasswordDb implements CredentialsChecker {
    private final Path file;
    private final String delimiter;
    private final int usernameField;
    private final int passwordField;
    private final boolean caseSensitive;
    private final boolean cache;
    private final String digestRealm;
    private static final Logger LOG = Logger.getLogger(FilePasswordDb.class.getName());

    private Table table;
    private FileTime loadedAt;
    private FileTime warnedAbout;

    /** The parsed file, and the hash an unknown user's password is checked against. */
    private record Table(Map<String, String> entries, String dummy) {
    }

    private FilePasswordDb(Builder builder) {
        this.file = builder.file;
        this.delimiter = builder.delimiter;
        this.usernameField = builder.usernameField;
        this.passwordField = builder.passwordField;
        this.caseSensitive = builder.caseSensitive;
        this.cache = builder.cache;
        this.digestRealm = builder.digestRealm;
        this.table = load();
    }

    /**
     * Starts configuring a checker for a password file.
     *
     * @param file the file
     * @return a builder
     */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /**
     * A checker for an Apache htdigest file ({@code user:realm:HA1}), for Digest
     * authentication in {@code realm} (MD5).
     *
     * @param file the file made by {@code htdigest}
     * @param realm the realm whose lines to use
     * @return the checker
     */
    public static FilePasswordDb htdigest(Path file, String realm) {
        Builder builder = new Builder(file);
        builder.passwordField = 2;
        builder.digestRealm = realm;
        return builder.build();
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(Credentials.UsernamePassword.class, DigestCredentials.class);
    }

    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        Table current = table();
        return switch (credentials) {
            case Credentials.UsernamePassword up -> {
                String name = normalize(up.username());
                String stored = current.entries().get(name);
                boolean matches = PasswordHashes.verify(up.password(), stored == null ? current.dummy() : stored);
                if (stored == null || digestRealm != null || !matches) {
                    yield refuse();
                }
                yield Deferreds.succeed(name);
            }
            case DigestCredentials digest -> {
                String name = normalize(digest.username());
                String stored = current.entries().get(name);
                boolean ok;
                if (stored == null) {
                    ok = false;
                } else if (digestRealm != null) {
                    ok = digest.algorithm().equals("MD5") && digestRealm.equals(digest.realm())
                            && digest.checkHash(stored);
                } else {
                    ok = !PasswordHashes.isHashed(stored) && digest.checkPassword(stored);
                }
                yield ok ? Deferreds.succeed(name) : refuse();
            }
            case Credentials.Anonymous anonymous -> refuse();
        };
    }

    private static Deferred<String> refuse() {
        return Deferreds.fail(new LoginErrors.UnauthorizedLogin("unknown user or wrong password"));
    }

    private String normalize(String name) {
        return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
    }

    private synchronized Table table() {
        if (cache) {
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedAt)) {
                    table = load();
                }
            } catch (IOException | RuntimeException e) {
                Log.err(e, "Unable to load credentials db " + file + "; keeping the last good copy");
            }
            return table;
        }
        try {
            return load();
        } catch (RuntimeException e) {
            Log.err(e, "Unable to load credentials db " + file);
            return new Table(Map.of(), PasswordHashes.dummyLike(""));
        }
    }

    /**
     * Returns the hash an unknown user's password is checked against.
     *
     * @return a hash in the format of the file's first hashed entry
     */
    String dummyHash() {
        return table().dummy();
    }

    private Table load() {
        List<String> lines;
        try {
            loadedAt = Files.getLastModifiedTime(file);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> parsed = new HashMap<>();
        String firstHash = null;
        int needed = Math.max(usernameField, passwordField) + 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(java.util.regex.Pattern.quote(delimiter), -1);
            if (fields.length < needed) {
                throw new IllegalArgumentException("malformed password file " + file + ", line " + (i + 1)
                        + ": expected at least " + needed + " fields separated by '" + delimiter + "'");
            }
            if (digestRealm != null && !fields[1].equals(digestRealm)) {
                continue;
            }
            String stored = fields[passwordField];
            PasswordHashes.Format format = digestRealm != null ? PasswordHashes.Format.PLAIN
                    : PasswordHashes.format(stored);
            if (format == PasswordHashes.Format.UNSUPPORTED && !loadedAt.equals(warnedAbout)) {
                LOG.warning(file + ", line " + (i + 1) + ": the password of user '" + fields[usernameField]
                        + "' is in a hash format Braid cannot verify; that user cannot log in");
            } else if (firstHash == null && format != PasswordHashes.Format.PLAIN) {
                firstHash = stored;
            }
            parsed.put(normalize(fields[usernameField]), stored);
        }
        warnedAbout = loadedAt;   // each version of the file is warned about once
        return new Table(Map.copyOf(parsed), PasswordHashes.dummyLike(firstHash == null ? "" : firstHash));
    }

    /** Configures a {@link FilePasswordDb}. */
    public static final class Builder {
        private final Path file;
        private String delimiter = ":";
        private int usernameField;
        private int passwordField = 1;
        private boolean caseSensitive = true;
        private boolean cache;
        private String digestRealm;

        private Builder(Path file) {
            this.file = file;
        }

        /** @param value the field delimiter (":" by default) @return this builder */
        public Builder delimiter(String value) {
            this.delimiter = value;
            return this;
        }

        /** @param index the user name's field (0 by default) @return this builder */
        public Builder usernameField(int index) {
            this.usernameField = index;
            return this;
        }

        /** @param index the password's field (1 by default) @return this builder */
        public Builder passwordField(int index) {
            this.passwordField = index;
            return this;
        }

        /** @param value false to compare user names case-insensitively (ids become lower-case) @return this builder */
        public Builder caseSensitive(boolean value) {
            this.caseSensitive = value;
            return this;
        }

        /** @param value true to keep the parsed file until it changes @return this builder */
        public Builder cache(boolean value) {
            this.cache = value;
            return this;
        }

        /**
         * Builds the checker, reading the file once to check it.
         *
         * @return the checker
         * @throws UncheckedIOException if the file cannot be read
         * @throws IllegalArgumentException if a line has too few fields
         */
        public FilePasswordDb build() {
            return new FilePasswordDb(this);
        }
    }
}
