package dev.braid.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the application's frames from those of the machinery around it —
 * Braid's event loop and web server, Helidon, the JDK — so a traceback can
 * fold the machinery away. A class is machinery when its package is one of the
 * JDK's, Helidon's or {@code dev.braid.deferred}, {@code dev.braid.app}; or
 * when it was loaded from Braid's web library itself (so an application's
 * classes in a {@code dev.braid.web} package of its own are still the
 * application's).
 */
final class StackFrames {
    private static final String[][] MACHINERY = {
        {"java.", "the JDK"}, {"javax.", "the JDK"}, {"jdk.", "the JDK"}, {"sun.", "the JDK"},
        {"com.sun.", "the JDK"}, {"io.helidon.", "Helidon"}, {"dev.braid.deferred.", "the event loop"},
        {"dev.braid.app.", "the launcher"},
    };
    private static final ClassValue<Boolean> BRAID_WEB = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            var ours = StackFrames.class.getProtectionDomain().getCodeSource();
            var theirs = type.getProtectionDomain().getCodeSource();
            return ours != null && theirs != null && ours.getLocation().equals(theirs.getLocation());
        }
    };

    private StackFrames() {
    }

    /** One frame, with its class when it could be loaded, and what part of the system it belongs to. */
    record Frame(StackTraceElement element, Optional<Class<?>> type, String machinery) {
        boolean application() {
            return machinery == null;
        }
    }

    /** A run of consecutive frames: the application's one by one, the machinery's folded together. */
    record Run(List<Frame> frames, boolean folded) {
        /** What a folded run contains, for its one line: "7 frames of Helidon and the JDK". */
        String summary() {
            Set<String> parts = new LinkedHashSet<>();
            frames.forEach(frame -> parts.add(frame.machinery()));
            List<String> names = new ArrayList<>(parts);
            String joined = names.size() == 1 ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
            return frames.size() + (frames.size() == 1 ? " frame of " : " frames of ") + joined;
        }
    }

    static Frame classify(StackTraceElement element) {
        String name = element.getClassName();
        Optional<Class<?>> type = load(name);
        for (String[] prefix : MACHINERY) {
            if (name.startsWith(prefix[0])) {
                return new Frame(element, type, prefix[1]);
            }
        }
        boolean braid = type.map(BRAID_WEB::get).orElse(false);
        return new Frame(element, type, braid ? "the web server" : null);
    }

    /** Groups frames, in the order given, into runs: each application frame alone, machinery together. */
    static List<Run> runs(List<Frame> frames) {
        List<Run> runs = new ArrayList<>();
        List<Frame> machinery = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.application()) {
                if (!machinery.isEmpty()) {
                    runs.add(new Run(List.copyOf(machinery), true));
                    machinery.clear();
                }
                runs.add(new Run(List.of(frame), false));
            } else {
                machinery.add(frame);
            }
        }
        if (!machinery.isEmpty()) {
            runs.add(new Run(List.copyOf(machinery), true));
        }
        return runs;
    }

    private static Optional<Class<?>> load(String name) {
        for (ClassLoader loader : new ClassLoader[] {StackFrames.class.getClassLoader(),
            Thread.currentThread().getContextClassLoader()}) {
            try {
                return Optional.of(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError notVisible) {
                // try the next loader
            }
        }
        return Optional.empty();   // a resource script's class, or another loader's
    }
}
