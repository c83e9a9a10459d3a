package dev.braid.deferred;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what one java.util.logging logger publishes while open (and keeps it off the console); for tests. */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final boolean usedParents;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public CapturedLog(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        this.usedParents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    public boolean contains(String text) {
        return messages().stream().anyMatch(m -> m != null && m.contains(text));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(usedParents);
    }
}
