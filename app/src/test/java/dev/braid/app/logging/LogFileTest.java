package dev.braid.app.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFileTest {
    @TempDir
    Path dir;

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("-");
        return record;
    }

    @Test
    void rotatesBeforeTheWriteThatFindsTheFileFullWithTwistdsNames() throws IOException {
        Path path = dir.resolve("braid.log");
        try (var closer = new Closer(LogFile.builder(path).rotateLength(100).build())) {
            LogFile log = closer.log;
            for (int i = 0; i < 10; i++) {
                log.write(("line " + i + " " + "x".repeat(33) + "\n").getBytes(StandardCharsets.UTF_8)); // 41 bytes
            }
            log.flush();
            // 41, 82, 123 -> rotate before the 4th line; every file holds 3 lines, the last 1.
            assertEquals(List.of(1, 2, 3), log.rotatedIndexes());
            assertEquals(123, Files.size(dir.resolve("braid.log.1")));
            assertTrue(Files.readString(dir.resolve("braid.log.3")).startsWith("line 0 "));
            assertTrue(Files.readString(dir.resolve("braid.log.1")).startsWith("line 6 "));
            assertTrue(Files.readString(path).startsWith("line 9 "));
        }
    }

    @Test
    void rotateOnDemandMovesEveryFileUpOne() throws IOException {
        Path path = dir.resolve("d.log");
        Files.writeString(dir.resolve("d.log.1"), "older\n");
        Files.writeString(dir.resolve("d.log.notanumber"), "ignored\n");
        try (var closer = new Closer(LogFile.builder(path).build())) {
            closer.log.publish(record("before"));
            closer.log.rotate();
            closer.log.publish(record("after"));
        }
        assertEquals("older\n", Files.readString(dir.resolve("d.log.2")));
        assertTrue(Files.readString(dir.resolve("d.log.1")).endsWith(" [-] before\n"));
        assertTrue(Files.readString(path).endsWith(" [-] after\n"));
        assertTrue(Files.exists(dir.resolve("d.log.notanumber")));
    }

    @Test
    void maxRotatedFilesDeletesTheOldest() throws IOException {
        Path path = dir.resolve("m.log");
        try (var closer = new Closer(LogFile.builder(path).maxRotatedFiles(2).build())) {
            for (int i = 0; i < 5; i++) {
                closer.log.publish(record("r" + i));
                closer.log.rotate();
            }
            assertEquals(List.of(1, 2), closer.log.rotatedIndexes());
        }
        assertTrue(Files.readString(dir.resolve("m.log.1")).contains("r4"));
        assertTrue(Files.readString(dir.resolve("m.log.2")).contains("r3"));
    }

    @Test
    void tenRotatedFilesAreKeptByDefault() throws IOException {
        Path path = dir.resolve("k.log");
        try (var closer = new Closer(LogFile.builder(path).build())) {
            for (int i = 0; i < 25; i++) {
                closer.log.publish(record("r" + i));
                closer.log.rotate();
            }
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), closer.log.rotatedIndexes());
        }
        assertTrue(Files.readString(dir.resolve("k.log.10")).contains("r15"));
    }

    @Test
    void reopeningAppends() throws IOException {
        Path path = dir.resolve("a.log");
        try (var closer = new Closer(LogFile.builder(path).build())) {
            closer.log.publish(record("first run"));
        }
        try (var closer = new Closer(LogFile.builder(path).build())) {
            closer.log.publish(record("second run"));
        }
        List<String> lines = Files.readAllLines(path);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).endsWith("first run"));
    }

    @Test
    void concurrentWritersLoseAndSplitNoLineAcrossRotations() throws Exception {
        Path path = dir.resolve("c.log");
        int threads = 8;
        int perThread = 2_000;
        try (var closer = new Closer(LogFile.builder(path).rotateLength(20_000).maxRotatedFiles(0).build())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        closer.log.publish(record("writer " + id + " line " + i));
                        if (i % 500 == 0) {
                            closer.log.rotate();
                        }
                    }
                }));
            }
            go.countDown();
            for (Thread writer : writers) {
                writer.join();
            }
            closer.log.flush();
            List<Path> files = new ArrayList<>();
            for (int index : closer.log.rotatedIndexes().reversed()) {
                files.add(dir.resolve("c.log." + index));
            }
            files.add(path);
            int[] next = new int[threads];
            for (Path file : files) {
                for (String line : Files.readAllLines(file)) {
                    String message = line.substring(line.indexOf("[-] ") + 4);
                    String[] words = message.split(" ");
                    int writer = Integer.parseInt(words[1]);
                    assertEquals(next[writer], Integer.parseInt(words[3]), "order of writer " + writer + " in " + file);
                    next[writer]++;
                }
            }
            for (int t = 0; t < threads; t++) {
                assertEquals(perThread, next[t], "lines of writer " + t);
            }
            assertTrue(closer.log.rotatedIndexes().size() > 10);
        }
    }

    @Test
    void anUnwritableDirectorySkipsRotationAndSaysSoOnce() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("ro"));
        Path path = sub.resolve("r.log");
        try (var closer = new Closer(LogFile.builder(path).rotateLength(10).build())) {
            closer.log.publish(record("first"));
            assertTrue(sub.toFile().setWritable(false, false));
            try {
                if (Files.isWritable(sub)) {
                    return; // root ignores permissions: nothing to check here
                }
                closer.log.publish(record("second"));
                closer.log.publish(record("third"));
            } finally {
                assertTrue(sub.toFile().setWritable(true, false));
            }
        }
        String text = Files.readString(path);
        assertTrue(text.contains("third"));
        assertEquals(1, text.split("cannot rotate", -1).length - 1, text);
        assertFalse(Files.exists(sub.resolve("r.log.1")));
    }

    private record Closer(LogFile log) implements AutoCloseable {
        @Override
        public void close() {
            log.close();
        }
    }
}
