package dev.braid.sessions.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Where the Redis server is: {@code redis://HOST:PORT/DB} (port 6379 and
 * database 0 when left out), {@code rediss://} for TLS, and an optional
 * password as {@code redis://:PASSWORD@HOST} or user and password as
 * {@code redis://USER:PASSWORD@HOST}. Checked here, so a typo is a clear
 * message at start-up rather than a connection that never works.
 *
 * @param secure whether to use TLS ({@code rediss})
 * @param host the host name or address
 * @param port the port
 * @param database the database number
 * @param user the user name, or null
 * @param password the password, or null
 */
record RedisAddress(boolean secure, String host, int port, int database, String user, String password) {
    /** Redis's own port. */
    static final int DEFAULT_PORT = 6379;

    /**
     * Reads an address.
     *
     * @param text such as {@code redis://127.0.0.1:6379/0}
     * @return the address
     * @throws IllegalArgumentException saying what is wrong
     */
    static RedisAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw new IllegalArgumentException("'" + text + "' is not a redis://HOST:PORT/DB address");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host (redis://HOST:PORT/DB)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "': a redis address takes no ?query or #fragment");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is not between 1 and 65535");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int database = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0) {
                throw new IllegalArgumentException("'" + text + "': the database must be a number such as /0, not " + path);
            }
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            if (colon < 0) {
                password = decode(info);   // redis://PASSWORD@HOST, as Lettuce reads it
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new RedisAddress(scheme.equals("rediss"), host, port, database, user, password);
    }

    /**
     * Returns the address for Lettuce, with the timeout of its commands.
     *
     * @param timeout how long a command may take
     * @return Lettuce's URI
     */
    RedisURI toRedisUri(Duration timeout) {
        RedisURI.Builder builder = RedisURI.builder().withHost(host).withPort(port).withDatabase(database)
                .withSsl(secure).withTimeout(timeout);
        if (password != null) {
            if (user != null) {
                builder.withAuthentication(user, password);
            } else {
                builder.withPassword(password.toCharArray());
            }
        }
        return builder.build();
    }

    /** The address without its password, for logs and messages. */
    @Override
    public String toString() {
        return (secure ? "rediss://" : "redis://") + (user != null ? user + ":***@" : password != null ? ":***@" : "")
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
