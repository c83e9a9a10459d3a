package dev.braid.web.guard;

import dev.braid.deferred.ReactorTime;
import dev.braid.web.Request;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * HTTP Digest authentication (RFC 7616), with MD5 or SHA-256 and
 * {@code qop=auth}.
 *
 * <p>Beyond Twisted: nonces are remembered by the server and expire after
 * {@code nonceLifetimeSeconds} (a response to an expired nonce gets a new
 * challenge with {@code stale=true}, so the browser retries without asking the
 * user); each nonce count may be used once, so a captured header cannot be
 * replayed (the server keeps the highest count and a window of 64 below it per
 * nonce, so replay tracking costs the same memory whatever count a client
 * sends); the {@code uri} field must match the request; the nonce is bound to
 * the client's address. At most 100,000 nonces are remembered, the oldest
 * forgotten first. Thread-safe.
 */
public final class DigestCredentialFactory implements CredentialFactory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NONCES = 100_000;

    private final String algorithm;
    private final String realm;
    private final double nonceLifetime;
    private final ReactorTime clock;
    private final Map<String, Nonce> nonces = new LinkedHashMap<>();

    /** A nonce the server issued: when, to whom, with which opaque, and the counts used. */
    private static final class Nonce {
        final double issued;
        final String client;
        final String opaque;
        final NonceCountWindow counts = new NonceCountWindow();

        Nonce(double issued, String client, String opaque) {
            this.issued = issued;
            this.client = client;
            this.opaque = opaque;
        }
    }

    /**
     * Creates the factory.
     *
     * @param algorithm "MD5" or "SHA-256"
     * @param realm the protection space
     * @param nonceLifetimeSeconds how long a nonce may be used
     * @param clock the time source (a Clock in tests)
     */
    public DigestCredentialFactory(String algorithm, String realm, double nonceLifetimeSeconds, ReactorTime clock) {
        String normalized = algorithm.toUpperCase(Locale.ROOT);
        if (!normalized.equals("MD5") && !normalized.equals("SHA-256")) {
            throw new IllegalArgumentException("Digest algorithm must be MD5 or SHA-256, not " + algorithm);
        }
        this.algorithm = normalized;
        this.realm = realm;
        this.nonceLifetime = nonceLifetimeSeconds;
        this.clock = clock;
    }

    @Override
    public String scheme() {
        return "digest";
    }

    @Override
    public Set<String> unquotedParameters() {
        return Set.of("algorithm", "stale");
    }

    @Override
    public Map<String, String> getChallenge(Request request) {
        String nonce = random(16);
        String opaque = random(16);
        synchronized (nonces) {
            nonces.put(nonce, new Nonce(clock.seconds(), request.getClientAddress().getHostString(), opaque));
            expireOld();
        }
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("realm", realm);
        challenge.put("qop", "auth");
        challenge.put("algorithm", algorithm);
        challenge.put("nonce", nonce);
        challenge.put("opaque", opaque);
        if (Boolean.TRUE.equals(request.attribute(STALE))) {
            challenge.put("stale", "true");
        }
        return challenge;
    }

    /** Set on a request whose nonce had expired, so its 401 says {@code stale=true}. */
    static final String STALE = DigestCredentialFactory.class.getName() + ".stale";

    private void expireOld() {
        double oldest = clock.seconds() - nonceLifetime;
        Iterator<Nonce> it = nonces.values().iterator();
        while (it.hasNext()) {
            Nonce n = it.next();
            if (n.issued < oldest || nonces.size() > MAX_NONCES) {
                it.remove();
            } else {
                break;   // insertion order is issue order
            }
        }
    }

    /** The answer names this factory's algorithm (none given means MD5, RFC 7616 §3.4). */
    @Override
    public boolean accepts(String response) {
        return parse(response).getOrDefault("algorithm", "MD5").equalsIgnoreCase(algorithm);
    }

    @Override
    public Credentials decode(String header, Request request) {
        Map<String, String> fields = parse(header);
        String username = required(fields, "username");
        String nonce = required(fields, "nonce");
        String opaque = required(fields, "opaque");
        String response = required(fields, "response");
        String uri = required(fields, "uri");
        String qop = fields.getOrDefault("qop", "");
        String nc = fields.getOrDefault("nc", "");
        String cnonce = fields.getOrDefault("cnonce", "");
        String clientAlgorithm = fields.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        if (!qop.equals("auth") || nc.isEmpty() || cnonce.isEmpty()) {
            throw new LoginErrors.LoginFailed("Invalid response, qop=auth with nc and cnonce is required.");
        }
        if (!clientAlgorithm.equals(algorithm)) {
            throw new LoginErrors.LoginFailed("Invalid response, algorithm " + clientAlgorithm + " not offered.");
        }
        if (!fields.getOrDefault("realm", "").equals(realm)) {
            throw new LoginErrors.LoginFailed("Invalid response, wrong realm.");
        }
        if (!uri.equals(request.uri())) {
            throw new LoginErrors.LoginFailed("Invalid response, uri does not match the request.");
        }
        long count;
        try {
            count = nc.length() > 8 ? -1 : Long.parseLong(nc, 16);   // RFC 7616: 8 hex digits
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1) {
            throw new LoginErrors.LoginFailed("Invalid response, bad nonce count.");
        }
        synchronized (nonces) {
            expireOld();
            Nonce issued = nonces.get(nonce);
            if (issued == null) {
                request.setAttribute(STALE, Boolean.TRUE);
                throw new LoginErrors.LoginFailed("Invalid response, unknown or expired nonce.");
            }
            if (!issued.opaque.equals(opaque)) {
                throw new LoginErrors.LoginFailed("Invalid response, incompatible opaque/nonce values.");
            }
            if (!issued.client.equals(request.getClientAddress().getHostString())) {
                throw new LoginErrors.LoginFailed("Invalid response, incompatible opaque/client values.");
            }
            if (!issued.counts.use(count)) {
                throw new LoginErrors.LoginFailed("Invalid response, nonce count already used (replay).");
            }
        }
        return new DigestCredentials(username, realm, algorithm, request.method(), uri, nonce, nc, cnonce, qop,
                response);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new LoginErrors.LoginFailed("Invalid response, no " + name + " given.");
        }
        return value;
    }

    /** Parses {@code k=v, k="v"} pairs; quoted values may hold commas and escaped quotes. */
    static Map<String, String> parse(String header) {
        Map<String, String> fields = new HashMap<>();
        String text = header.replace("\r", " ").replace("\n", " ");
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            fields.put(name, value.toString().strip());
        }
        return fields;
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
