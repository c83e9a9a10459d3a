package dev.braid.app.logging;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwistdFormatterTest {
    private static final Instant WHEN = Instant.parse("2026-11-22T10:53:01Z");

    private static LogRecord record(Level level, String logger, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(WHEN);
        return record;
    }

    @Test
    void formatsLikeTwistdsTextObserver() {
        TwistdFormatter utc = new TwistdFormatter(ZoneOffset.UTC);
        assertEquals("2026-11-22T10:53:01+0000 [-] Received SIGTERM, shutting down.\n",
                utc.format(record(Level.INFO, "-", "Received SIGTERM, shutting down.")));
        assertEquals("2026-11-22T10:53:01+0000 [dev.braid.Runner#info] Server Shut Down.\n",
                utc.format(record(Level.INFO, "dev.braid.Runner", "Server Shut Down.")));
        assertEquals("2026-11-22T11:53:01+0100 [x#warn] w\n",
                new TwistdFormatter(ZoneId.of("Europe/Paris")).format(record(Level.WARNING, "x", "w")));
    }

    @Test
    void levelsTakeTwistedsNames() {
        assertEquals("debug", TwistdFormatter.levelName(Level.FINE));
        assertEquals("info", TwistdFormatter.levelName(Level.INFO));
        assertEquals("warn", TwistdFormatter.levelName(Level.WARNING));
        assertEquals("error", TwistdFormatter.levelName(Level.SEVERE));
        assertEquals("-", TwistdFormatter.system(record(Level.INFO, null, "")));
    }

    @Test
    void continuationLinesStartWithATabSoEveryRecordStartsWithATime() {
        LogRecord record = record(Level.SEVERE, "boom", "it failed");
        record.setThrown(new IllegalStateException("bad state"));
        String text = new TwistdFormatter(ZoneOffset.UTC).format(record);
        String[] lines = text.split("\n");
        assertEquals("2026-11-22T10:53:01+0000 [boom#error] it failed", lines[0]);
        assertEquals("\tjava.lang.IllegalStateException: bad state", lines[1]);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith("\t"), lines[i]);
        }
    }

    @Test
    void parametersAreFormattedOnlyWhenGiven() {
        LogRecord record = record(Level.INFO, "-", "{0} starting on {1}");
        assertEquals("2026-11-22T10:53:01+0000 [-] {0} starting on {1}\n", new TwistdFormatter(ZoneOffset.UTC).format(record));
        record.setParameters(new Object[] {"Site", "8080"});
        assertEquals("2026-11-22T10:53:01+0000 [-] Site starting on 8080\n", new TwistdFormatter(ZoneOffset.UTC).format(record));
    }

    @Test
    void lineLoggerTurnsEachLineIntoARecord() throws java.io.IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Logger logger = Logger.getLogger("stdout-test");
        logger.setUseParentHandlers(false);
        ConsoleLog console = new ConsoleLog(sink);
        logger.addHandler(console);
        try (LineLogger out = new LineLogger(logger, Level.INFO)) {
            out.write("hello\nwor".getBytes(StandardCharsets.UTF_8));
            out.write("ld\r\n".getBytes(StandardCharsets.UTF_8));
            out.write("partial".getBytes(StandardCharsets.UTF_8));
        } finally {
            logger.removeHandler(console);
            console.close();     // writes what is left
        }
        String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].endsWith(" [stdout-test#info] hello"), lines[0]);
        assertTrue(lines[1].endsWith(" [stdout-test#info] world"), lines[1]);
        assertTrue(lines[2].endsWith(" [stdout-test#info] partial"), lines[2]);
    }
}
