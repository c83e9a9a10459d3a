package dev.braid.web.guard;

import dev.braid.web.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP Basic authentication (RFC 7617; Twisted's {@code BasicCredentialFactory}).
 * Decoding is lenient about base64 padding, as Twisted's is; the password is
 * everything after the first colon. Only use Basic over TLS.
 */
public final class BasicCredentialFactory implements CredentialFactory {
    private final String realm;

    /**
     * Creates the factory.
     *
     * @param realm the protection space shown to the user
     */
    public BasicCredentialFactory(String realm) {
        this.realm = realm;
    }

    @Override
    public String scheme() {
        return "basic";
    }

    @Override
    public Map<String, String> getChallenge(Request request) {
        Map<String, String> challenge = new LinkedHashMap<>();
        challenge.put("realm", realm);
        return challenge;
    }

    @Override
    public Credentials decode(String response, Request request) {
        String cleaned = response.strip().replaceAll("[^A-Za-z0-9+/]", "");
        int leftOver = cleaned.length() % 4;
        if (leftOver == 1) {
            throw new LoginErrors.LoginFailed("Invalid credentials");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(cleaned + "=".repeat((4 - leftOver) % 4));
        } catch (IllegalArgumentException e) {
            throw new LoginErrors.LoginFailed("Invalid credentials");
        }
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new LoginErrors.LoginFailed("Invalid credentials");
        }
        return new Credentials.UsernamePassword(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
