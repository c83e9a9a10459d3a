package dev.braid.web.cgi;

import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header block of a CGI script's output, read as Twisted does: it ends at
 * the earliest of {@code \n\n}, {@code \r\n\r\n}, {@code \r\r} and
 * {@code \n\r\n}; what follows is the start of the body.
 */
record CgiOutput(List<String> lines, String leftover, byte[] leftoverRaw) {
    private static final String[] ENDINGS = {"\n\n", "\r\n\r\n", "\r\r", "\n\r\n"};
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    byte[] leftoverBytes() {
        return leftoverRaw.clone();
    }

    /** Reads until the header block ends; null if the output ended (or grew too big) first. */
    static CgiOutput readHeaders(InputStream stdout) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = stdout.read(buffer)) >= 0) {
            seen.write(buffer, 0, n);
            String text = seen.toString(StandardCharsets.ISO_8859_1);
            int end = -1;
            String ending = null;
            for (String candidate : ENDINGS) {
                int at = text.indexOf(candidate);
                if (at >= 0 && (end < 0 || at < end)) {
                    end = at;
                    ending = candidate;
                }
            }
            if (end >= 0) {
                String separator = ending.substring(0, ending.length() / 2);
                List<String> lines = new ArrayList<>(List.of(text.substring(0, end).split(
                        java.util.regex.Pattern.quote(separator), -1)));
                byte[] all = seen.toByteArray();
                int bodyStart = end + ending.length();
                byte[] rest = java.util.Arrays.copyOfRange(all, bodyStart, all.length);
                return new CgiOutput(lines, text.substring(bodyStart), rest);
            }
            if (seen.size() > MAX_HEADER_BYTES) {
                return null;
            }
        }
        return null;
    }

    /** Applies the headers to the response, in order. */
    void apply(Request request) {
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                Log.msg("ignoring malformed CGI header: " + line);
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "status" -> {
                    try {
                        request.setResponseCode(Integer.parseInt(value.substring(0, Math.min(3, value.length()))));
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        Log.msg("ignoring malformed CGI status header: " + value);
                    } catch (IllegalArgumentException e) {
                        Log.msg("ignoring CGI status out of range: " + value);
                    }
                }
                case "location" -> {
                    request.setResponseCode(302);
                    request.addHeader(name, value);
                }
                case "server", "date" -> {
                    // the server's own are kept
                }
                default -> {
                    try {
                        request.addHeader(name, value);
                    } catch (IllegalArgumentException e) {
                        Log.msg("ignoring malformed CGI header: " + line);
                    }
                }
            }
        }
    }
}
