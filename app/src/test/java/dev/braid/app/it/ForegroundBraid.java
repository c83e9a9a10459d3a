package dev.braid.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code braid -n ...} running as a child process, its standard output (the
 * log, with {@code -n}) read line by line as it comes, so a test can wait for
 * a line instead of sleeping.
 */
final class ForegroundBraid implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();   // guarded by itself
    private final Thread reader;

    private ForegroundBraid(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static ForegroundBraid start(Path directory, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = BraidBinary.builder(directory, args).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new ForegroundBraid(builder.start());
    }

    /** Starts braid under {@code ulimit -n descriptors} (soft and hard). */
    static ForegroundBraid startWithDescriptorLimit(Path directory, int descriptors, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + descriptors + " && exec \"$0\" \"$@\"",
                BraidBinary.executable().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().remove("BRAID_CLASSPATH");
        builder.environment().remove("BRAID_JAVA_OPTIONS");
        return new ForegroundBraid(builder.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            synchronized (lines) {
                lines.add(null); // end of output
                lines.notifyAll();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits for a line matching {@code regex} and returns its first group (or the whole line). */
    String await(String regex) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + BraidBinary.PATIENCE.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    String line = lines.get(seen);
                    if (line == null) {
                        fail("braid ended without printing /" + regex + "/:\n" + output());
                    }
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher.groupCount() > 0 ? matcher.group(1) : line;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("no line /" + regex + "/ within " + BraidBinary.PATIENCE + ":\n" + output());
                }
                lines.wait(left);
            }
        }
    }

    /** Waits for {@code count} lines matching {@code regex} and returns their first groups, in order. */
    List<String> awaitAll(String regex, int count) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + BraidBinary.PATIENCE.toNanos();
        synchronized (lines) {
            while (true) {
                List<String> found = new ArrayList<>();
                for (String line : lines) {
                    Matcher matcher = line == null ? null : pattern.matcher(line);
                    if (matcher != null && matcher.find()) {
                        found.add(matcher.group(1));
                    }
                }
                if (found.size() >= count) {
                    return found.subList(0, count);
                }
                if (!lines.isEmpty() && lines.getLast() == null) {
                    fail("braid ended with " + found.size() + " of " + count + " lines /" + regex + "/:\n" + output());
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("only " + found.size() + " of " + count + " lines /" + regex + "/:\n" + output());
                }
                lines.wait(left);
            }
        }
    }

    /** Sends a signal and waits for the process to end; returns its exit status. */
    int signalAndWait(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        return waitFor(BraidBinary.PATIENCE);
    }

    int waitFor(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("braid did not end within " + patience + ":\n" + output());
        }
        reader.join(patience.toMillis());
        return process.exitValue();
    }

    /** Everything printed so far. */
    String output() {
        synchronized (lines) {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                if (line != null) {
                    text.append(line).append('\n');
                }
            }
            return text.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
