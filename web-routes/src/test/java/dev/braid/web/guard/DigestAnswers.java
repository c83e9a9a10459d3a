package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** A Digest client written from RFC 7616, for what curl never does (replays, stale nonces) and for any transport. */
public final class DigestAnswers {
    private DigestAnswers() {
    }

    /**
     * Returns the challenge of one algorithm among the WWW-Authenticate values
     * (one header each, or folded into one list as HTTP/2 sends them).
     *
     * @param headers the WWW-Authenticate values
     * @param algorithm "MD5" or "SHA-256"
     * @return the challenge's parameters
     */
    public static Map<String, String> challenge(List<String> headers, String algorithm) {
        return headers.stream()
                .flatMap(header -> Stream.of(header.split(",\\s*(?=[A-Za-z][A-Za-z0-9-]*\\s+[A-Za-z0-9-]+=)")))
                .filter(c -> c.toLowerCase().startsWith("digest ") && c.contains("algorithm=" + algorithm))
                .findFirst().map(c -> DigestCredentialFactory.parse(c.substring("digest ".length())))
                .orElseThrow(() -> new AssertionError("no " + algorithm + " challenge in " + headers));
    }

    /**
     * Wraps a checker so that it notes the algorithm of every Digest answer it sees.
     *
     * @param checker the real checker
     * @param algorithms where the algorithms go
     * @return the recording checker
     */
    public static CredentialsChecker recordingAlgorithms(CredentialsChecker checker, List<String> algorithms) {
        return new CredentialsChecker() {
            @Override
            public Set<Class<? extends Credentials>> credentialInterfaces() {
                return checker.credentialInterfaces();
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                if (credentials instanceof DigestCredentials digest) {
                    algorithms.add(digest.algorithm());
                }
                return checker.requestAvatarId(credentials);
            }
        };
    }

    /**
     * Answers a challenge for a GET.
     *
     * @return the Authorization header's value
     */
    public static String answer(String algorithm, Map<String, String> challenge, String user, String password,
                                String uri, String nc) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm.equals("SHA-256") ? "SHA-256" : "MD5");
        Function<String, String> h = s -> HexFormat.of().formatHex(md.digest(s.getBytes()));
        String ha1 = h.apply(user + ":" + challenge.get("realm") + ":" + password);
        String ha2 = h.apply("GET:" + uri);
        String cnonce = "0a4f113b";
        String response = h.apply(ha1 + ":" + challenge.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + challenge.get("realm") + "\", nonce=\""
                + challenge.get("nonce") + "\", uri=\"" + uri + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce
                + "\", response=\"" + response + "\", opaque=\"" + challenge.get("opaque") + "\", algorithm="
                + algorithm;
    }
}
