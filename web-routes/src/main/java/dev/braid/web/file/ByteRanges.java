package dev.braid.web.file;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses a {@code Range} header against a file size (RFC 9110 §14), as
 * Twisted's static.File does: {@code bytes=0-4}, {@code bytes=15-},
 * {@code bytes=-3}, ends clipped to the file; a syntactically invalid header is
 * ignored (the whole file is sent); unsatisfiable parts are dropped, and if
 * none is left the answer is 416.
 *
 * <p>Beyond Twisted, as RFC 9110 §14.2 allows: ranges that overlap or touch
 * are merged (so {@code bytes=0-9,0-9} is one range), and a header asking for
 * more than {@value #MAX_PARTS} separate parts gets the whole file with 200
 * instead — so an answer is never larger than the file plus the headers of a
 * few parts, however the ranges are written.
 */
public final class ByteRanges {
    /** The most parts of a multipart/byteranges answer; more is a broken client or an attack. */
    public static final int MAX_PARTS = 16;
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
        if (ranges.isEmpty()) {
            return new Unsatisfiable();
        }
        List<Range> merged = coalesce(ranges);
        return merged.size() > MAX_PARTS ? new Whole() : new Partial(merged);
    }

    /** Sorts the ranges and merges those that overlap or touch. */
    static List<Range> coalesce(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::start));
        List<Range> merged = new ArrayList<>();
        Range current = sorted.getFirst();
        for (Range next : sorted.subList(1, sorted.size())) {
            if (next.start() <= current.end() + 1) {
                current = new Range(current.start(), Math.max(current.end(), next.end()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return List.copyOf(merged);
    }
}
