package dev.braid.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IMF-fixdate out; IMF-fixdate, RFC 850 and asctime in (RFC 9110 §5.6.7). */
class HttpDatesTest {
    @Test
    void writesATwoDigitDayInGmt() {
        assertEquals("Thu, 03 Dec 2026 09:05:01 GMT", HttpDates.format(Instant.parse("2026-12-03T09:05:01.999Z")));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(Instant.parse("1994-11-06T08:49:37Z")));
        assertTrue(HttpDates.now().matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                HttpDates.now());
    }

    @Test
    void readsAllThreeFormats() {
        Optional<Instant> expected = Optional.of(Instant.parse("1994-11-06T08:49:37Z"));
        assertEquals(expected, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(expected, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(expected, HttpDates.parse("Sun Nov  6 08:49:37 1994"));
        assertEquals(expected, HttpDates.parse("  sun, 06 nov 1994 08:49:37 GMT "), "names in any case");
        assertEquals(expected, HttpDates.parse("Sun, 6 Nov 1994 08:49:37 GMT"), "a one-digit day, as old servers write");
        assertEquals(Optional.of(Instant.parse("2026-12-03T09:05:01Z")), HttpDates.parse("Thu Dec  3 09:05:01 2026"));
    }

    @Test
    void refusesWhatIsNotAnHttpDate() {
        for (String bad : new String[] {"", "yesterday", "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0100", "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994 extra", "1994-11-06T08:49:37Z"}) {
            assertEquals(Optional.empty(), HttpDates.parse(bad), bad);
        }
    }
}
