package dev.braid.web.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This process's file descriptors: the soft limit ({@code ulimit -n}) and how
 * many are open, read from Linux's {@code /proc/self}. Elsewhere nothing is
 * known, and no connection cap is derived.
 *
 * @param max the soft limit
 * @param open the descriptors open now
 */
record DescriptorLimit(long max, long open) {
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final Path FDS = Path.of("/proc/self/fd");

    /**
     * Reads the limit and the count now.
     *
     * @return both, or empty when {@code /proc} cannot tell or there is no limit
     */
    static Optional<DescriptorLimit> current() {
        try {
            for (String line : Files.readAllLines(LIMITS)) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    if (soft.equals("unlimited")) {
                        return Optional.empty();
                    }
                    return Optional.of(new DescriptorLimit(Long.parseLong(soft), openNow()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static long openNow() throws IOException {
        long count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path ignored : fds) {
                count++;
            }
        }
        return count;
    }
}
