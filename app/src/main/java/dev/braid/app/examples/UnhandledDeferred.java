package dev.braid.app.examples;

import dev.braid.deferred.Deferred;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code defer-unhandled.py}: a chain that ends in a failure nobody handles
 * is reported — "Unhandled error in Deferred:" and the traceback — when the
 * Deferred is garbage collected. Python collects it as the program ends;
 * Java collects when it likes, so this example asks the collector to run and
 * waits (at most 10 seconds) for the report, which Braid logs on the
 * {@code dev.braid.deferred.Deferred} logger.
 */
final class UnhandledDeferred {
    private static final String REPORTS = "dev.braid.deferred.Deferred";

    private UnhandledDeferred() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        try (Report report = new Report(err)) {
            fireAndForget();
            out.println("Finished");
            report.awaitCollection();
        }
        return 0;
    }

    /** Everything that refers to the Deferred lives here, so that it is garbage once this returns. */
    private static void fireAndForget() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(res -> {
            throw new Exception("oops");
        });
        d.callback("Here is your result.");
    }

    /** Prints the report on standard error, as Twisted does, and tells when it came. */
    private static final class Report extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger(REPORTS);
        private final boolean parents = logger.getUseParentHandlers();
        private final CountDownLatch reported = new CountDownLatch(1);
        private final PrintStream err;

        Report(PrintStream err) {
            this.err = err;
            logger.setUseParentHandlers(false);
            logger.addHandler(this);
        }

        void awaitCollection() throws InterruptedException {
            for (int tries = 0; tries < 100 && reported.getCount() > 0; tries++) {
                System.gc();
                reported.await(100, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void publish(LogRecord record) {
            err.println(record.getMessage());
            reported.countDown();
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(parents);
        }
    }
}
