package dev.braid.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The values of a session kept in this process, and their codecs. */
@Timeout(30)
class SessionValuesTest {
    private final Clock clock = new Clock();
    private final SessionManager manager = new SessionManager(new InMemorySessionStore(10), SessionFactory.withTimeout(60), clock);

    @Test
    void countersCountFromZeroAndLoseNoIncrementUnderContention() throws Exception {
        SessionValues values = manager.makeSession().values();
        assertEquals(1, values.increment("views", 1));
        assertEquals(11, values.increment("views", 10));
        assertEquals(Optional.of("11"), values.get("views"));
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10_000; i++) {
                        values.increment("views", 1);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(20, TimeUnit.SECONDS);
            }
        }
        assertEquals(80_011, values.get("views", ValueCodec.LONG).orElseThrow());
    }

    @Test
    void valuesAreTextThroughCodecs() {
        Session session = manager.makeSession();
        SessionValues values = session.values();
        assertSame(values, session.values(), "the same object each time");
        assertEquals(Optional.empty(), values.get("name"));
        values.put("name", "Alice");
        assertEquals(Optional.of("Alice"), values.get("name", ValueCodec.STRING));
        ValueCodec<Instant> instants = ValueCodec.of(Instant::toString, Instant::parse);
        Instant when = Instant.parse("2024-05-01T12:00:00Z");
        values.put("seen", when, instants);
        assertEquals(Optional.of("2024-05-01T12:00:00Z"), values.get("seen"));
        assertEquals(Optional.of(when), values.get("seen", instants));
        values.put("n", 41L, ValueCodec.LONG);
        assertEquals(42, values.increment("n", 1), "a value written as a LONG is a counter");
        values.remove("name");
        values.remove("never there");
        assertEquals(Optional.empty(), values.get("name"));
    }

    @Test
    void badValuesAreClearErrors() {
        SessionValues values = manager.makeSession().values();
        values.put("name", "Alice");
        IllegalStateException notANumber = assertThrows(IllegalStateException.class, () -> values.increment("name", 1));
        assertEquals("session value 'name' is not a decimal integer: 'Alice'", notANumber.getMessage());
        assertEquals(Optional.of("Alice"), values.get("name"), "left as it was");
        IllegalArgumentException decode = assertThrows(IllegalArgumentException.class, () -> values.get("name", ValueCodec.LONG));
        assertEquals("not a decimal integer: 'Alice'", decode.getMessage());
        values.put("big", Long.toString(Long.MAX_VALUE));
        assertThrows(IllegalStateException.class, () -> values.increment("big", 1));
        values.increment("counter", Long.MAX_VALUE);
        assertThrows(IllegalStateException.class, () -> values.increment("counter", 1));
        assertThrows(NullPointerException.class, () -> values.put("x", null, ValueCodec.LONG));
    }

    @Test
    void valuesOutliveExpiryInThisProcess() {
        Session session = manager.makeSession();
        session.values().increment("views", 1);
        session.expire();
        assertEquals(Optional.of("1"), session.values().get("views"), "as Twisted's components do");
    }

    @Test
    void cookieIdsAreCheckedForForm() {
        assertTrue(SessionManager.isWellFormed(manager.makeSession().uid()));
        assertFalse(SessionManager.isWellFormed("nope"));
        assertFalse(SessionManager.isWellFormed("A".repeat(64)), "upper case is not what the manager makes");
        assertFalse(SessionManager.isWellFormed("0".repeat(63) + "g"));
        assertFalse(SessionManager.isWellFormed("0".repeat(65)));
    }
}
