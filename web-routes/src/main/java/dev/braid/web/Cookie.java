package dev.braid.web;

import java.util.Locale;
import java.util.Objects;

/**
 * A cookie to set with {@link Request#addCookie(Cookie)}, written with
 * Twisted's attribute order: {@code k=v; Expires=; Domain=; Path=; Max-Age=;
 * Comment=; Secure; HttpOnly; SameSite=}. Semicolons and line breaks in any
 * value are replaced by a space, so a value cannot inject attributes or headers.
 *
 * <pre>{@code
 * request.addCookie(Cookie.builder("theme", "dark").path("/").maxAge(86400).httpOnly(true).build());
 * }</pre>
 *
 * @param name the cookie's name
 * @param value its value
 * @param expires an HTTP date, or null
 * @param domain or null
 * @param path or null
 * @param maxAge seconds, or null
 * @param comment or null
 * @param secure send only over TLS
 * @param httpOnly hide from scripts
 * @param sameSite "lax", "strict", or null
 */
public record Cookie(String name, String value, String expires, String domain, String path, Long maxAge,
                     String comment, boolean secure, boolean httpOnly, String sameSite) {
    /**
     * Checks the SameSite value.
     *
     * @throws IllegalArgumentException for a sameSite other than lax or strict (as Twisted)
     */
    public Cookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (sameSite != null) {
            sameSite = sameSite.toLowerCase(Locale.ROOT);
            if (!sameSite.equals("lax") && !sameSite.equals("strict")) {
                throw new IllegalArgumentException("Invalid value for sameSite: " + sameSite);
            }
        }
    }

    /**
     * Starts a cookie.
     *
     * @param name the name
     * @param value the value
     * @return a builder
     */
    public static Builder builder(String name, String value) {
        return new Builder(name, value);
    }

    /**
     * Returns the {@code Set-Cookie} header value.
     *
     * @return the header value
     */
    public String headerValue() {
        StringBuilder out = new StringBuilder(clean(name)).append('=').append(clean(value));
        append(out, "Expires", expires);
        append(out, "Domain", domain);
        append(out, "Path", path);
        append(out, "Max-Age", maxAge == null ? null : maxAge.toString());
        append(out, "Comment", comment);
        if (secure) {
            out.append("; Secure");
        }
        if (httpOnly) {
            out.append("; HttpOnly");
        }
        append(out, "SameSite", sameSite);
        return out.toString();
    }

    private static void append(StringBuilder out, String attribute, String attributeValue) {
        if (attributeValue != null) {
            out.append("; ").append(attribute).append('=').append(clean(attributeValue));
        }
    }

    private static String clean(String text) {
        return text.replace(';', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    /** Builds a {@link Cookie}. */
    public static final class Builder {
        private final String name;
        private final String value;
        private String expires;
        private String domain;
        private String path;
        private Long maxAge;
        private String comment;
        private boolean secure;
        private boolean httpOnly;
        private String sameSite;

        private Builder(String name, String value) {
            this.name = name;
            this.value = value;
        }

        /** @param v an HTTP date @return this builder */
        public Builder expires(String v) {
            expires = v;
            return this;
        }

        /** @param v the domain @return this builder */
        public Builder domain(String v) {
            domain = v;
            return this;
        }

        /** @param v the path @return this builder */
        public Builder path(String v) {
            path = v;
            return this;
        }

        /** @param seconds the lifetime @return this builder */
        public Builder maxAge(long seconds) {
            maxAge = seconds;
            return this;
        }

        /** @param v the comment @return this builder */
        public Builder comment(String v) {
            comment = v;
            return this;
        }

        /** @param v whether Secure @return this builder */
        public Builder secure(boolean v) {
            secure = v;
            return this;
        }

        /** @param v whether HttpOnly @return this builder */
        public Builder httpOnly(boolean v) {
            httpOnly = v;
            return this;
        }

        /** @param v "lax" or "strict" @return this builder */
        public Builder sameSite(String v) {
            sameSite = v;
            return this;
        }

        /** @return the cookie */
        public Cookie build() {
            return new Cookie(name, value, expires, domain, path, maxAge, comment, secure, httpOnly, sameSite);
        }
    }
}
