package dev.braid.web.guard;

import dev.braid.web.Request;
import java.util.Map;

/**
 * One HTTP authentication scheme (Twisted's {@code ICredentialFactory}): the
 * challenge sent with a 401, and the decoding of an {@code Authorization} header.
 */
public interface CredentialFactory {
    /**
     * Returns the scheme's name, lower-case, as matched against the header.
     *
     * @return for example "basic"
     */
    String scheme();

    /**
     * Returns the challenge's parameters, in order.
     *
     * @param request the request being refused
     * @return name to value, each value written quoted unless the factory says otherwise
     */
    Map<String, String> getChallenge(Request request);

    /**
     * Returns the parameters of the challenge written without quotes (RFC 7616 writes
     * {@code algorithm} and {@code stale} bare).
     *
     * @return parameter names
     */
    default java.util.Set<String> unquotedParameters() {
        return java.util.Set.of();
    }

    /**
     * Returns whether this factory is the one to decode an answer of its
     * scheme: when several factories share a scheme (Digest with MD5 and with
     * SHA-256), the answer goes to the first that accepts it, else to the
     * first of the scheme. By default every answer of the scheme is accepted.
     *
     * @param response the header's credentials, after the scheme
     * @return whether this factory answered the challenge the client chose
     */
    default boolean accepts(String response) {
        return true;
    }

    /**
     * Decodes the part of the {@code Authorization} header after the scheme.
     *
     * @param response the header's credentials
     * @param request the request
     * @return the credentials
     * @throws LoginErrors.LoginFailed if they cannot be understood
     */
    Credentials decode(String response, Request request);
}
