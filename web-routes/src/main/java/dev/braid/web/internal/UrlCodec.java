package dev.braid.web.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding of path segments and {@code application/x-www-form-urlencoded}
 * data, byte-wise then UTF-8, as Twisted's {@code unquote} and
 * {@code parse_qs(keep_blank_values=True)} do. Malformed escapes are kept as
 * they are instead of failing the request.
 */
public final class UrlCodec {
    private UrlCodec() {
    }

    /**
     * Decodes {@code %XX} escapes (a {@code +} stays a plus: this is for paths).
     *
     * @param text the raw text
     * @return the decoded text
     */
    public static String unquote(String text) {
        return decode(text, false);
    }

    /**
     * Splits a raw path after its leading slash into unquoted segments, as
     * Twisted builds {@code postpath}: {@code "/"} gives {@code [""]} and
     * {@code "/a/"} gives {@code ["a", ""]}.
     *
     * @param rawPath the raw path, starting with "/"
     * @return the segments
     */
    public static List<String> segments(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                segments.add(unquote(path.substring(start)));
                return segments;
            }
            segments.add(unquote(path.substring(start, slash)));
            start = slash + 1;
        }
    }

    /**
     * Parses a query string or form body into names and their values, in
     * order, keeping blank values ({@code "a=&b"} gives {@code a=[""], b=[""]}).
     *
     * @param query the raw query, without "?"; may be empty
     * @param into where to add the pairs
     */
    public static void parseQuery(String query, Map<String, List<String>> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    /**
     * Parses a query into a new ordered map.
     *
     * @param query the raw query
     * @return names to values
     */
    public static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> args = new LinkedHashMap<>();
        parseQuery(query, args);
        return args;
    }

    private static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
