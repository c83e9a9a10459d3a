package dev.braid.app.endpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses Twisted's server endpoint descriptions
 * ({@code endpoints.serverFromString}): the type, then positional arguments,
 * then {@code key=value} arguments, separated by {@code :}, with {@code \:}
 * for a literal colon (an IPv6 address: {@code interface=\:\:1}).
 *
 * <table>
 * <caption>Accepted descriptions</caption>
 * <tr><td>{@code tcp:PORT[:interface=H][:backlog=N]}</td><td>also {@code tcp:port=PORT}, and the interface as the second positional</td></tr>
 * <tr><td>{@code ssl:PORT:privateKey=K[:certKey=C]}</td><td>{@code certKey} defaults to the private key's file, as in Twisted</td></tr>
 * <tr><td>{@code unix:PATH[:mode=666][:lockfile=0][:backlog=N]}</td><td>mode is octal</td></tr>
 * </table>
 *
 * <p>Where Twisted is sloppy, braid is strict, and says so at start-up
 * instead of at listen time: an unknown keyword (Twisted raises a
 * {@code TypeError} about {@code _parseTCP}), a port outside 0-65535 (Twisted
 * accepts it and fails later) are errors; the type is case-insensitive
 * (Twisted lower-cases it, then reports {@code 'tcp'} as unknown).
 *
 * <pre>{@code
 * ServerEndpoint endpoint = EndpointParser.parse("tcp:8080:interface=127.0.0.1", Path.of("."));
 * }</pre>
 */
public final class EndpointParser {
    private static final Set<String> TCP_KEYS = Set.of("port", "interface", "backlog");
    private static final Set<String> SSL_KEYS = Set.of("port", "interface", "backlog", "privatekey", "certkey",
            "extracertchain", "sslmethod", "dhparameters");
    private static final Set<String> UNIX_KEYS = Set.of("address", "mode", "lockfile", "backlog");

    private EndpointParser() {
    }

    /**
     * Parses a description.
     *
     * @param description such as {@code tcp:8080}
     * @param baseDirectory what relative file names (keys, sockets) are resolved against
     * @return the endpoint
     * @throws IllegalArgumentException with Twisted's wording where it has one,
     *     such as {@code Unknown endpoint type: 'bogus'}
     */
    public static ServerEndpoint parse(String description, Path baseDirectory) {
        List<String> fields = split(description);
        String type = fields.getFirst().toLowerCase(Locale.ROOT);
        List<String> positional = new ArrayList<>();
        Map<String, String> keywords = new LinkedHashMap<>();
        for (String field : fields.subList(1, fields.size())) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                positional.add(field);
            } else {
                keywords.put(field.substring(0, equals).toLowerCase(Locale.ROOT), field.substring(equals + 1));
            }
        }
        if (fields.size() == 1) {
            throw new IllegalArgumentException("Unknown endpoint type: '" + description + "'");
        }
        return switch (type) {
            case "tcp" -> tcp(description, positional, keywords, TCP_KEYS);
            case "ssl" -> ssl(description, positional, keywords, baseDirectory);
            case "unix" -> unix(description, positional, keywords, baseDirectory);
            default -> throw new IllegalArgumentException("Unknown endpoint type: '" + fields.getFirst() + "'");
        };
    }

    private static ServerEndpoint.Tcp tcp(String description, List<String> positional, Map<String, String> keywords,
                                          Set<String> allowed) {
        checkKeys(description, keywords, allowed);
        String port = take(description, "port", positional, 0, keywords);
        String host = positional.size() > 1 ? positional.get(1) : keywords.getOrDefault("interface", "");
        if (positional.size() > 2) {
            throw new IllegalArgumentException("too many positional arguments in endpoint '" + description + "'");
        }
        int backlog = keywords.containsKey("backlog")
                ? number(description, "backlog", keywords.get("backlog"))
                : ServerEndpoint.DEFAULT_BACKLOG;
        int portNumber = number(description, "port", port);
        if (portNumber < 0 || portNumber > 65535) {
            throw new IllegalArgumentException("port " + portNumber + " is outside 0-65535 in endpoint '" + description + "'");
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1 in endpoint '" + description + "'");
        }
        return new ServerEndpoint.Tcp(portNumber, backlog, host.strip(), description);
    }

    private static ServerEndpoint.Ssl ssl(String description, List<String> positional, Map<String, String> keywords,
                                          Path baseDirectory) {
        checkKeys(description, keywords, SSL_KEYS);
        String key = keywords.get("privatekey");
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("ssl endpoint '" + description + "' needs privateKey=FILE");
        }
        String cert = keywords.getOrDefault("certkey", key);
        Map<String, String> tcpKeys = new LinkedHashMap<>(keywords);
        tcpKeys.keySet().retainAll(TCP_KEYS);
        ServerEndpoint.Tcp tcp = tcp(description, positional, tcpKeys, TCP_KEYS);
        return new ServerEndpoint.Ssl(tcp, baseDirectory.resolve(key).normalize(), baseDirectory.resolve(cert).normalize(),
                description);
    }

    private static ServerEndpoint.Unix unix(String description, List<String> positional, Map<String, String> keywords,
                                            Path baseDirectory) {
        checkKeys(description, keywords, UNIX_KEYS);
        String address = take(description, "address", positional, 0, keywords);
        if (positional.size() > 1) {
            throw new IllegalArgumentException("too many positional arguments in endpoint '" + description + "'");
        }
        int mode;
        try {
            mode = Integer.parseInt(keywords.getOrDefault("mode", "666"), 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mode must be octal in endpoint '" + description + "'");
        }
        boolean lockfile = !keywords.getOrDefault("lockfile", "0").equals("0");
        int backlog = keywords.containsKey("backlog")
                ? number(description, "backlog", keywords.get("backlog"))
                : ServerEndpoint.DEFAULT_BACKLOG;
        return new ServerEndpoint.Unix(baseDirectory.resolve(address).normalize(), mode, lockfile, backlog, description);
    }

    private static String take(String description, String name, List<String> positional, int index,
                               Map<String, String> keywords) {
        if (positional.size() > index) {
            if (keywords.containsKey(name)) {
                throw new IllegalArgumentException(name + " given twice in endpoint '" + description + "'");
            }
            return positional.get(index);
        }
        String value = keywords.get(name);
        if (value == null) {
            throw new IllegalArgumentException("endpoint '" + description + "' has no " + name);
        }
        return value;
    }

    private static void checkKeys(String description, Map<String, String> keywords, Set<String> allowed) {
        for (String key : keywords.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown argument '" + key + "' in endpoint '" + description + "'");
            }
        }
    }

    private static int number(String description, String what, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "' in endpoint '" + description + "'");
        }
    }

    /** Splits at unescaped colons; {@code \x} stands for {@code x}. */
    static List<String> split(String description) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '\\' && i + 1 < description.length()) {
                field.append(description.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
