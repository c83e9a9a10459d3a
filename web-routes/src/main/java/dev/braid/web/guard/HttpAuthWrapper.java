package dev.braid.web.guard;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Failure;
import dev.braid.deferred.log.Log;
import dev.braid.web.ErrorPage;
import dev.braid.web.Rendering;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Guards a part of a site with HTTP authentication (Twisted's
 * {@code guard.HTTPAuthSessionWrapper}). Requests without credentials get a
 * 401 with one {@code WWW-Authenticate} challenge per factory — unless a
 * checker allows anonymous access. With valid credentials, the realm's avatar
 * takes the wrapper's place: traversal continues from it, so it sees the same
 * path as an unwrapped resource would, and its logout runs when the response
 * has finished (or failed).
 *
 * <ul>
 *   <li>an answer goes to the factory of its scheme that {@link CredentialFactory#accepts accepts} it:
 *       a Digest answer to the factory of its algorithm;</li>
 *   <li>unknown scheme, undecodable header, wrong credentials → 401 with fresh challenges;</li>
 *   <li>repeated wrong credentials from one address → the 401 comes later and later
 *       ({@link LoginThrottle}, on by default);</li>
 *   <li>an unexpected error while decoding or logging in → logged, 500.</li>
 * </ul>
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, List.of(FilePasswordDb.of(Path.of("etc/htpasswd"))));
 * root.putChild("private", new HttpAuthWrapper(portal, List.of(new BasicCredentialFactory("example.com"))));
 * }</pre>
 */
public final class HttpAuthWrapper extends Resource {
    private final Portal portal;
    private final List<CredentialFactory> factories;
    private final LoginThrottle throttle;

    /**
     * Creates the wrapper, with the default {@link LoginThrottle}.
     *
     * @param portal checks credentials and makes avatars
     * @param factories the accepted schemes, in the order their challenges are sent
     */
    public HttpAuthWrapper(Portal portal, List<CredentialFactory> factories) {
        this(portal, factories, LoginThrottle.defaults());
    }

    /**
     * Creates the wrapper.
     *
     * @param portal checks credentials and makes avatars
     * @param factories the accepted schemes, in the order their challenges are sent
     * @param throttle slows down repeated failures per client address ({@link LoginThrottle#none()} for none)
     */
    public HttpAuthWrapper(Portal portal, List<CredentialFactory> factories, LoginThrottle throttle) {
        this.portal = portal;
        this.factories = List.copyOf(factories);
        this.throttle = throttle;
    }

    @Override
    public boolean isLeaf() {
        return true;   // the avatar continues the traversal
    }

    @Override
    public Object render(Request request) {
        Credentials credentials;
        Optional<String> header = request.getHeader("Authorization");
        if (header.isEmpty()) {
            credentials = new Credentials.Anonymous();
        } else {
            String value = header.get().strip();
            int space = value.indexOf(' ');
            String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
            String rest = space < 0 ? "" : value.substring(space + 1);
            Optional<CredentialFactory> factory = factoryFor(scheme, rest);
            if (factory.isEmpty()) {
                return unauthorized(request);
            }
            try {
                credentials = factory.get().decode(rest, request);
            } catch (LoginErrors.LoginFailed failed) {
                return unauthorized(request);
            } catch (RuntimeException unexpected) {
                Log.err(unexpected, "Unexpected error while decoding credentials");
                return internalError(request);
            }
        }
        boolean anonymous = credentials instanceof Credentials.Anonymous;
        Deferred<Object> rendered = portal.login(credentials).addCallbacks(avatar -> {
            if (!anonymous) {
                throttle.succeeded(client(request));
            }
            request.notifyFinish().addBoth(ignored -> {
                avatar.logout().run();
                return null;
            });
            return Rendering.traverseAndRender(avatar.resource(), request);
        }, failure -> loginFailed(request, failure, anonymous));
        return rendered;
    }

    /** The factory of the scheme that accepts the answer (Digest: by its algorithm), else the scheme's first. */
    private Optional<CredentialFactory> factoryFor(String scheme, String response) {
        List<CredentialFactory> ofScheme = factories.stream().filter(f -> f.scheme().equals(scheme)).toList();
        return ofScheme.stream().filter(f -> f.accepts(response)).findFirst().or(() -> ofScheme.stream().findFirst());
    }

    private Object loginFailed(Request request, Failure failure, boolean anonymous) {
        if (!anonymous && failure.check(LoginErrors.UnhandledCredentials.class).isEmpty()
                && failure.check(LoginErrors.UnauthorizedLogin.class).isPresent()) {
            Duration delay = throttle.failed(client(request));
            if (!delay.isZero()) {
                return Deferreds.deferLater(request.loop(), delay.toNanos() / 1e9, () -> unauthorized(request));
            }
            return unauthorized(request);
        }
        if (failure.check(LoginErrors.UnauthorizedLogin.class, LoginErrors.LoginFailed.class).isPresent()) {
            return unauthorized(request);
        }
        Log.err(failure, "HttpAuthWrapper.getChildWithDefault encountered unexpected error");
        return internalError(request);
    }

    private static String client(Request request) {
        return request.getClientAddress().getHostString();
    }

    private Object unauthorized(Request request) {
        request.setResponseCode(401);
        for (CredentialFactory factory : factories) {
            request.addHeader("WWW-Authenticate", challenge(factory, factory.getChallenge(request)));
        }
        request.setHeader("Content-Type", "text/html");
        return "Unauthorized";
    }

    private static Object internalError(Request request) {
        return new ErrorPage(500, "Internal Error", "").render(request);
    }

    /** {@code scheme k="v", k="v"}: every value quoted and escaped, except the ones the scheme writes bare. */
    static String challenge(CredentialFactory factory, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder(factory.scheme());
        String separator = " ";
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            out.append(separator).append(p.getKey()).append('=');
            if (factory.unquotedParameters().contains(p.getKey())) {
                out.append(p.getValue());
            } else {
                out.append('"').append(p.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            separator = ", ";
        }
        return out.toString();
    }
}
