package dev.braid.web.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a {@code Range} header against a file size (RFC 9110 §14), as
 * Twisted's static.File does: {@code bytes=0-4}, {@code bytes=15-},
 * {@code bytes=-3}, ends clipped to the file; a syntactically invalid header is
 * ignored (the whole file is sent); unsatisfiable parts are dropped, and if
 * none is left the answer is 416.
 */
public final class ByteRanges {
    private ByteRanges() {
    }

    /** One satisfiable range, both ends inclusive. */
    public record Range(long start, long end) {
        /**
         * Returns the number of bytes in the range.
         *
         * @return end - start + 1
         */
        public long length() {
            return end - start + 1;
        }
    }

    /** What to do with a Range header. */
    public sealed interface Result {
    }

    /** No usable header: send the whole file with 200. */
    public record Whole() implements Result {
    }

    /** Send these ranges with 206 (one, or several as multipart/byteranges). */
    public record Partial(List<Range> ranges) implements Result {
    }

    /** Nothing satisfiable: 416 with {@code Content-Range: bytes *}{@code /size}. */
    public record Unsatisfiable() implements Result {
    }

    /**
     * Interprets a Range header.
     *
     * @param header the header value, if any
     * @param size the file's size
     * @return what to send
     */
    public static Result parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        List<Range> ranges = new ArrayList<>();
        for (String spec : value.substring(eq + 1).split(",")) {
            spec = spec.strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return new Whole();
            }
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            try {
                if (first.isEmpty()) {
                    long suffix = Long.parseLong(last);
                    if (suffix < 0) {
                        return new Whole();
                    }
                    if (suffix > 0 && size > 0) {
                        ranges.add(new Range(Math.max(0, size - suffix), size - 1));
                    }
                    continue;
                }
                long start = Long.parseLong(first);
                long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
                if (start < 0 || end < start) {
                    return new Whole();   // syntactically invalid, like bytes=5-2: ignored
                }
                if (start < size) {
                    ranges.add(new Range(start, Math.min(end, size - 1)));
                }
            } catch (NumberFormatException e) {
                return new Whole();
            }
        }
        return ranges.isEmpty() ? new Unsatisfiable() : new Partial(List.copyOf(ranges));
    }
}
