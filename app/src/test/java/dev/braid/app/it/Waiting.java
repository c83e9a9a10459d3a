package dev.braid.app.it;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for events the tests cannot call back from: files appearing, processes ending. No sleeping. */
final class Waiting {
    private Waiting() {
    }

    /** Waits until a process that is not our child has ended. */
    static void forExit(long pid, Duration patience) throws InterruptedException {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        try {
            handle.get().onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            fail("process " + pid + " still runs after " + patience);
        }
    }

    /** Waits (with inotify, through a WatchService) until {@code file} exists. */
    static void forFile(Path file, Duration patience) throws IOException, InterruptedException {
        Path directory = file.toAbsolutePath().getParent();
        try (WatchService watcher = directory.getFileSystem().newWatchService()) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + patience.toNanos();
            while (!Files.exists(file)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(file + " did not appear within " + patience);
                }
                WatchKey key;
                try {
                    key = watcher.poll(left, TimeUnit.NANOSECONDS);
                } catch (ClosedWatchServiceException e) {
                    return;
                }
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
    }
}
