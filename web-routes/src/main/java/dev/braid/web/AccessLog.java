package dev.braid.web;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats Twisted's combined access-log line ({@code combinedLogFormatter}):
 * {@code "127.0.0.1" - - [22/Nov/2026:10:37:43 +0000] "GET /hello HTTP/1.1" 200 11 "referer" "agent"}.
 * The client address is quoted, the time is UTC, the byte count is the body
 * length or {@code -} when it is 0, and quotes, backslashes and non-printable
 * characters are escaped so a line cannot be forged.
 */
public final class AccessLog {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss +0000", Locale.ENGLISH);

    /** The time stamp of the current second, formatted once per second rather than once per line. */
    private record Stamp(long second, String text) {
    }

    private static volatile Stamp lastStamp = new Stamp(Long.MIN_VALUE, "");

    private AccessLog() {
    }

    /**
     * Formats one line.
     *
     * @param clientAddress the client's IP address
     * @param time when the request finished
     * @param method the HTTP method
     * @param uri the request URI
     * @param protocol for example "HTTP/1.1"
     * @param code the response status
     * @param bodyBytes the body length
     * @param referer the Referer header, or null
     * @param userAgent the User-Agent header, or null
     * @return the line, without a line break
     */
    public static String combined(String clientAddress, ZonedDateTime time, String method, String uri,
                                  String protocol, int code, long bodyBytes, String referer, String userAgent) {
        return line(clientAddress, TIME.format(time.withZoneSameInstant(ZoneOffset.UTC)), method, uri, protocol, code,
                bodyBytes, referer, userAgent);
    }

    /**
     * Formats one line for a request that finished at {@code epochMillis}
     * (the time stamp is formatted once per second and shared).
     *
     * @param clientAddress the client's IP address
     * @param epochMillis when the request finished
     * @param method the HTTP method
     * @param uri the request URI
     * @param protocol for example "HTTP/1.1"
     * @param code the response status
     * @param bodyBytes the body length
     * @param referer the Referer header, or null
     * @param userAgent the User-Agent header, or null
     * @return the line, without a line break
     */
    public static String combined(String clientAddress, long epochMillis, String method, String uri,
                                  String protocol, int code, long bodyBytes, String referer, String userAgent) {
        long second = Math.floorDiv(epochMillis, 1000);
        Stamp stamp = lastStamp;
        if (stamp.second() != second) {
            stamp = new Stamp(second, TIME.format(java.time.Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
            lastStamp = stamp;
        }
        return line(clientAddress, stamp.text(), method, uri, protocol, code, bodyBytes, referer, userAgent);
    }

    private static String line(String clientAddress, String time, String method, String uri, String protocol,
                               int code, long bodyBytes, String referer, String userAgent) {
        return "\"" + escape(clientAddress) + "\" - - [" + time
                + "] \"" + escape(method) + " " + escape(uri) + " " + escape(protocol) + "\" " + code + " "
                + (bodyBytes == 0 ? "-" : Long.toString(bodyBytes)) + " \"" + escape(referer == null ? "-" : referer)
                + "\" \"" + escape(userAgent == null ? "-" : userAgent) + "\"";
    }

    static String escape(String text) {
        if (!needsEscape(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                if (c > 0xff) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(String.format("\\x%02x", (int) c));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f) {
                return true;
            }
        }
        return false;
    }
}
