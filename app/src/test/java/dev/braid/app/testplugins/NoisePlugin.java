package dev.braid.app.testplugins;

import dev.braid.app.options.OptionSpec;
import dev.braid.app.options.ParsedOptions;
import dev.braid.app.options.ValueType;
import dev.braid.app.plugin.ServiceMaker;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.service.BaseService;
import dev.braid.deferred.service.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;


/**
 * A third-party plugin for the launcher's tests: while it starts, several
 * threads log numbered lines ({@code noise W L xxxx}) as fast as they can,
 * then "noise done" (before braid reports the start, so a test that waited
 * for the launcher finds every line written); on stop, it logs and
 * (optionally) takes its time through a delayed call, so shutdown must wait
 * for its Deferred.
 */
public final class NoisePlugin implements ServiceMaker {
    @Override
    public String name() {
        return "noise";
    }

    @Override
    public String description() {
        return "Logs numbered lines (a test plugin).";
    }

    @Override
    public OptionSpec options() {
        return OptionSpec.builder("noise")
                .param("lines", (char) 0, "1000", "lines per writer", ValueType.INTEGER)
                .param("writers", (char) 0, "4", "threads writing at once", ValueType.POSITIVE_INTEGER)
                .param("width", (char) 0, "100", "characters of padding per line", ValueType.INTEGER)
                .param("stop-delay", (char) 0, "0", "seconds stopService takes", ValueType.NON_NEGATIVE_NUMBER)
                .flag("fail-start", (char) 0, "throw from startService")
                .build();
    }

    @Override
    public Service makeService(ParsedOptions options) {
        return new NoiseService(options.integer("lines"), options.integer("writers"), options.integer("width"),
                options.number("stop-delay"), options.flag("fail-start"));
    }

    /** The service. */
    static final class NoiseService extends BaseService {
        private static final Logger LOG = Logger.getLogger(NoiseService.class.getName());
        private final int lines;
        private final int writers;
        private final String padding;
        private final double stopDelay;
        private final boolean failStart;

        NoiseService(int lines, int writers, int width, double stopDelay, boolean failStart) {
            this.lines = lines;
            this.writers = writers;
            this.padding = "x".repeat(Math.max(0, width));
            this.stopDelay = stopDelay;
            this.failStart = failStart;
        }

        @Override
        public void startService() {
            if (failStart) {
                throw new IllegalStateException("noise refuses to start");
            }
            super.startService();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < lines; i++) {
                        LOG.info("noise " + writer + " " + i + " " + padding);
                    }
                }));
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while making noise", e);
                }
            }
            LOG.info("noise done");
        }

        @Override
        public Deferred<?> stopService() {
            super.stopService();
            LOG.info("noise stopping");
            if (stopDelay <= 0) {
                return Deferreds.succeed(null);
            }
            EventLoop loop = EventLoop.current().orElseThrow();
            return Deferreds.deferLater(loop, stopDelay, () -> {
                LOG.info("noise stopped after a delay");
                return null;
            });
        }
    }
}
