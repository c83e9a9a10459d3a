package dev.braid.web.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110 §5.6.7). Written as IMF-fixdate only
 * ({@code Thu, 03 Dec 2026 09:05:01 GMT}: two-digit day, always GMT — the
 * JDK's RFC 1123 formatter writes a one-digit day and the local offset);
 * read in all three formats a recipient must accept: IMF-fixdate, RFC 850
 * ({@code Thursday, 03-Dec-26 09:05:01 GMT}) and asctime
 * ({@code Thu Dec  3 09:05:01 2026}); a one-digit day is accepted in
 * IMF-fixdate too, as older servers (Helidon's own Date header) write it.
 */
public final class HttpDates {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final Pattern IMF_FIXDATE =
            Pattern.compile("([A-Za-z]{3}), (\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC_850 =
            Pattern.compile("([A-Za-z]{6,9}), (\\d{2})-([A-Za-z]{3})-(\\d{2}) " + TIME + " GMT");
    private static final Pattern ASCTIME =
            Pattern.compile("([A-Za-z]{3}) ([A-Za-z]{3}) ([ \\d]\\d) " + TIME + " (\\d{4})");

    /** The current second's text, so a busy server formats once a second. */
    private static volatile Cached now = new Cached(-1, "");

    private record Cached(long second, String text) {
    }

    private HttpDates() {
    }

    /**
     * Formats an instant as IMF-fixdate; sub-second parts are dropped.
     *
     * @param instant the time
     * @return for example {@code Thu, 03 Dec 2026 09:05:01 GMT}
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(29);
        out.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        two(out, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("an HTTP date needs a four-digit year: " + instant);
        }
        out.append(year).append(' ');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond()).append(" GMT");
        return out.toString();
    }

    /**
     * Returns the current time as IMF-fixdate, for the {@code Date} header.
     *
     * @return the text of this second
     */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached cached = now;
        if (cached.second() != second) {
            cached = new Cached(second, format(Instant.ofEpochSecond(second)));
            now = cached;
        }
        return cached.text();
    }

    /**
     * Parses an HTTP date in any of the three formats. The weekday is not
     * checked against the date (RFC 9110 lets a recipient ignore it); a two-digit
     * RFC 850 year more than 50 years in the future is taken as the past century.
     *
     * @param text the header's value
     * @return the instant, or empty when the text is not an HTTP date
     */
    public static Optional<Instant> parse(String text) {
        String value = text.strip();
        try {
            Matcher m = IMF_FIXDATE.matcher(value);
            if (m.matches() && day(m.group(1), 3)) {
                return Optional.of(instant(Integer.parseInt(m.group(4)), m.group(3), m.group(2), m, 5));
            }
            m = RFC_850.matcher(value);
            if (m.matches() && day(m.group(1), 9)) {
                return Optional.of(instant(rfc850Year(Integer.parseInt(m.group(4))), m.group(3), m.group(2), m, 5));
            }
            m = ASCTIME.matcher(value);
            if (m.matches() && day(m.group(1), 3)) {
                return Optional.of(instant(Integer.parseInt(m.group(7)), m.group(2), m.group(3).strip(), m, 4));
            }
        } catch (java.time.DateTimeException | IllegalArgumentException impossible) {
            // 31 Feb, 25:00 and the like: not a date
        }
        return Optional.empty();
    }

    private static Instant instant(int year, String monthName, String day, Matcher m, int timeGroup) {
        Month month = month(monthName);
        LocalDate date = LocalDate.of(year, month, Integer.parseInt(day));
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(timeGroup)), Integer.parseInt(m.group(timeGroup + 1)),
                Integer.parseInt(m.group(timeGroup + 2)));
        return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC);
    }

    private static Month month(String name) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(name)) {
                return Month.of(i + 1);
            }
        }
        throw new IllegalArgumentException("no month " + name);
    }

    /** A weekday name, short (3) or full (9 = any full name). */
    private static boolean day(String name, int style) {
        for (DayOfWeek day : DayOfWeek.values()) {
            String expected = day.getDisplayName(style == 3 ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
            if (expected.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 9110: a two-digit year that looks more than 50 years ahead is in the past. */
    private static int rfc850Year(int twoDigits) {
        int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
        int year = thisYear - thisYear % 100 + twoDigits;
        return year > thisYear + 50 ? year - 100 : year;
    }

    private static StringBuilder two(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        return out.append(value);
    }
}
