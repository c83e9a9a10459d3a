package dev.braid.web.disconnect;

import dev.braid.posix.LinuxNet;
import dev.braid.posix.Proc;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this platform can run an {@link EpollWatcher}: Linux on an
 * architecture {@link LinuxNet} knows, a kernel with socket cookies (4.12),
 * {@code /proc/self/fd}, and native access enabled for {@link LinuxNet}'s module
 * (the posix library).
 */
final class EpollSupport {
    private EpollSupport() {
    }

    /**
     * Says what this JVM lacks to run an {@link EpollWatcher}.
     *
     * @return why not, or empty when it can
     */
    static Optional<String> missingSupport() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.of("not Linux");
        }
        if (!LinuxNet.supportedArch()) {
            return Optional.of("unknown architecture " + System.getProperty("os.arch"));
        }
        if (!kernelAtLeast(4, 12)) {
            return Optional.of("kernel " + System.getProperty("os.version") + " has no socket cookies (needs 4.12)");
        }
        if (!Proc.hasFdListing()) {
            return Optional.of("no /proc/self/fd");
        }
        // The calls are made by the posix module's code: that module needs native access.
        if (!LinuxNet.class.getModule().isNativeAccessEnabled()) {
            return Optional.of("native access is not enabled (run java with --enable-native-access=ALL-UNNAMED)");
        }
        return Optional.empty();
    }

    private static boolean kernelAtLeast(int major, int minor) {
        String[] parts = System.getProperty("os.version", "0.0").split("[.-]");
        try {
            int kernelMajor = Integer.parseInt(parts[0]);
            int kernelMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
