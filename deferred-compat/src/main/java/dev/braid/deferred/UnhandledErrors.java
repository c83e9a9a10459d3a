package dev.braid.deferred;

import java.lang.ref.Cleaner;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reports a Deferred whose chain ended in a Failure that nobody handled, when
 * the Deferred becomes unreachable (Twisted logs "Unhandled error in Deferred:"
 * from {@code __del__}). A {@link Cleaner} watches each Deferred the first time
 * its chain ends in a failure; the watch holds only the failure, never the
 * Deferred.
 */
final class UnhandledErrors {
    static final String LOGGER_NAME = "dev.braid.deferred.Deferred";
    private static final Logger LOG = Logger.getLogger(LOGGER_NAME);
    private static final Cleaner CLEANER = Cleaner.create(
            Thread.ofPlatform().daemon().name("braid-unhandled-errors").factory());

    /** Where reports go; tests replace it to observe them. */
    private static volatile Consumer<Failure> sink = UnhandledErrors::log;

    private UnhandledErrors() {
    }

    /** The unhandled failure of one Deferred, or null once it was handled. */
    static final class Report implements Runnable {
        volatile Failure failure;

        @Override
        public void run() {
            Failure unhandled = failure;
            if (unhandled != null) {
                failure = null;
                sink.accept(unhandled);
            }
        }
    }

    static Report watch(Deferred<?> deferred) {
        Report report = new Report();
        CLEANER.register(deferred, report);
        return report;
    }

    static void log(Failure failure) {
        LOG.log(Level.SEVERE, "Unhandled error in Deferred:\n" + failure.getTraceback());
    }

    /** Replaces where reports go and returns the previous sink (for tests). */
    static Consumer<Failure> setSink(Consumer<Failure> newSink) {
        Consumer<Failure> previous = sink;
        sink = newSink;
        return previous;
    }
}
