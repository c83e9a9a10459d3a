package dev.braid.sessions.redis;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real redis-server (Debian's package) on a free loopback port, its data in a
 * folder of the test, with the append-only file on so that a restart keeps the
 * sessions. Started and stopped by pid; start-up is awaited on its own
 * "Ready to accept connections" line. Shared with the app's tests (this
 * module's test jar).
 */
public final class RedisServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = extra;
    }

    /** Skips the test, saying why, where redis-server is not installed. */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(BINARY);
        if (!installed) {
            System.out.println("SKIPPED: the Redis tests need " + BINARY + " (apt-get install redis-server)");
        }
        assumeTrue(installed, "no redis-server");
    }

    /** Starts a server on a free port. */
    public static RedisServer start(Path dir, String... extraOptions) throws IOException, InterruptedException {
        RedisServer server = new RedisServer(dir, freePort(), List.of(extraOptions));
        server.start();
        return server;
    }

    /** Starts a server on a given port. */
    public static RedisServer startOn(Path dir, int port, String... extraOptions) throws IOException, InterruptedException {
        RedisServer server = new RedisServer(dir, port, List.of(extraOptions));
        server.start();
        return server;
    }

    /** A port no one listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts (again) on the same port and data folder; returns when it accepts connections. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "yes",
                "--appendfsync", "always", "--daemonize", "no", "--protected-mode", "yes"));
        command.addAll(extra);
        Files.createDirectories(dir);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuffer output = new StringBuffer();
        Process started = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = started.inputReader(StandardCharsets.UTF_8)) {
                in.lines().forEach(line -> {
                    output.append(line).append('\n');
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // the server ended
            }
            ready.completeExceptionally(new AssertionError("redis-server ended:\n" + output));
        });
        try {
            ready.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (AssertionError) e.getCause();
        } catch (TimeoutException e) {
            fail("redis-server was not ready within " + PATIENCE + ":\n" + output);
        }
    }

    /** Stops it with SIGTERM (it writes its data and exits) and waits for the end. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // the process is killed; the caller sees the interrupt
            }
        }
    }
}
