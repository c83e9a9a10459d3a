package dev.braid.web.disconnect;

import dev.braid.posix.LinuxNet;
import dev.braid.posix.Proc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures the epoll watcher with many idle connections: the fd-table scan,
 * a burst of new watches, the keep-alive path (watch + close on a known
 * connection), the idle cost while everything is watched, and how long it
 * takes to report every client leaving. The clients live in a child JVM so
 * that this process holds one fd per connection, as a server does.
 *
 * <p>Run (after {@code bin/mvn -B -pl web-routes -am package -DskipTests}):
 * <pre>
 * java --enable-preview --enable-native-access=ALL-UNNAMED \
 *   -cp web-routes/target/test-classes:web-routes/target/classes:$(cat web-routes/target/runtime-classpath.txt) \
 *   dev.braid.web.disconnect.WatcherBenchmark 10000
 * </pre>
 * Not part of the test run: numbers belong in docs/disconnect.md, not in assertions.
 */
public final class WatcherBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private WatcherBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("clients")) {
            runClients(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        PrintStream out = System.out;
        try (ServerSocket listener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            Process clients = new ProcessBuilder(javaCommand("clients", String.valueOf(listener.getLocalPort()),
                    String.valueOf(count))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<Socket> accepted = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                accepted.add(listener.accept());
            }
            BufferedReader fromClients = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                    StandardCharsets.US_ASCII));
            expect(fromClients, "connected");
            out.printf("| connections | %d (fds open in this process: %d) |%n", count, Proc.openFds().length);

            measureScans(out, accepted);
            try (EpollWatcher watcher = EpollWatcher.createIfSupported().orElseThrow()) {
                measureWatcher(out, watcher, accepted, clients, fromClients);
            }
            clients.waitFor();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    private static void measureScans(PrintStream out, List<Socket> accepted) throws IOException {
        Set<ConnectionKey> one = Set.of(key(accepted.get(accepted.size() / 2)));
        Set<ConnectionKey> all = new HashSet<>();
        for (Socket socket : accepted) {
            all.add(key(socket));
        }
        try (LinuxNet.Scratch scratch = new LinuxNet.Scratch(1)) {
            out.printf("| listing /proc/self/fd | %s |%n", median(Proc::openFds));
            out.printf("| scan of /proc/self/fd for 1 connection | %s |%n",
                    median(() -> SocketScan.scan(scratch, one, Set.of())));
            out.printf("| scan of /proc/self/fd for all %d connections | %s |%n", all.size(),
                    median(() -> SocketScan.scan(scratch, all, Set.of())));
        }
        out.printf("| for comparison: reading /proc/net/tcp + tcp6 once | %s |%n", median(() -> {
            try {
                Files.readAllLines(Path.of("/proc/net/tcp"));
                Files.readAllLines(Path.of("/proc/net/tcp6"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
    }

    private static void measureWatcher(PrintStream out, EpollWatcher watcher, List<Socket> accepted, Process clients,
            BufferedReader fromClients) throws Exception {
        int count = accepted.size();
        Duration patience = Duration.ofMinutes(2);
        List<DisconnectDetector.Watch> watches = new ArrayList<>(count);
        CountDownLatch gone = new CountDownLatch(count);

        long cpu = cpu(watcher);
        long started = System.nanoTime();
        long callerCpu = THREADS.getCurrentThreadCpuTime();
        for (Socket socket : accepted) {
            watches.add(watcher.watch(socket.getLocalSocketAddress(), socket.getRemoteSocketAddress(), g -> { }));
        }
        long calls = THREADS.getCurrentThreadCpuTime() - callerCpu;
        check(watcher.awaitSettled(patience));
        out.printf("| burst: %d new connections watched | watch() %.2f µs CPU each on the caller; all armed after %.0f ms;"
                        + " watcher CPU %.1f ms (%s) |%n", count, calls / 1e3 / count,
                (System.nanoTime() - started) / 1e6, (cpu(watcher) - cpu) / 1e6, watcher.lastScan());

        int rounds = 5;
        long callerNanos = 0;
        cpu = cpu(watcher);
        started = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (DisconnectDetector.Watch watch : watches) {
                watch.close();
            }
            watches.clear();
            for (Socket socket : accepted) {
                watches.add(watcher.watch(socket.getLocalSocketAddress(), socket.getRemoteSocketAddress(),
                        g -> gone.countDown()));
            }
            callerNanos += THREADS.getCurrentThreadCpuTime() - t0;
            check(watcher.awaitSettled(patience));
        }
        long requests = (long) rounds * count;
        out.printf("| keep-alive: close + watch on a known connection (%d requests) | %.2f µs CPU on the caller,"
                        + " %.2f µs of watcher CPU per request |%n", requests, callerNanos / 1e3 / requests,
                (cpu(watcher) - cpu) / 1e3 / requests);

        cpu = cpu(watcher);
        long idleStart = System.nanoTime();
        long idleWall = Duration.ofSeconds(5).toNanos();
        Thread.sleep(Duration.ofNanos(idleWall)); // a benchmark measuring idle cost, not synchronisation
        out.printf("| idle: %d connections watched for 5 s | watcher CPU %.1f ms per second (%.2f%% of a core) |%n",
                count, (cpu(watcher) - cpu) / 1e6 / 5, (cpu(watcher) - cpu) * 100.0 / (System.nanoTime() - idleStart));

        cpu = cpu(watcher);
        clients.getOutputStream().write("close\n".getBytes(StandardCharsets.US_ASCII));
        clients.getOutputStream().flush();
        expect(fromClients, "closing");
        started = System.nanoTime();
        check(gone.await(patience.toSeconds(), TimeUnit.SECONDS));
        out.printf("| all %d clients leave (half FIN, half RST) | every request reported %.0f ms after the clients"
                        + " began closing; watcher CPU %.1f ms |%n", count, (System.nanoTime() - started) / 1e6,
                (cpu(watcher) - cpu) / 1e6);
        for (DisconnectDetector.Watch watch : watches) {
            watch.close();
        }
    }

    /** The child: opens the connections, then closes them on "close" (even ones FIN, odd ones RST). */
    private static void runClients(int port, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sockets.add(new Socket(InetAddress.getLoopbackAddress(), port));
        }
        System.out.println("connected");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        expect(in, "close");
        System.out.println("closing");
        System.out.flush();
        for (int i = 0; i < count; i++) {
            if (i % 2 == 1) {
                sockets.get(i).setSoLinger(true, 0);
            }
            sockets.get(i).close();
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-preview", "-cp", System.getProperty("java.class.path"), WatcherBenchmark.class.getName()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static ConnectionKey key(Socket socket) {
        return ConnectionKey.of(socket.getLocalSocketAddress(), socket.getRemoteSocketAddress()).orElseThrow();
    }

    /** The median of seven runs: "wall ms (CPU ms)", CPU being this thread's own time. */
    private static String median(Runnable task) {
        long[] wall = new long[7];
        long[] cpu = new long[7];
        for (int i = 0; i < wall.length; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            task.run();
            wall[i] = System.nanoTime() - t0;
            cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return String.format("%.2f ms wall (%.2f ms CPU)", wall[3] / 1e6, cpu[3] / 1e6);
    }

    private static long cpu(EpollWatcher watcher) {
        return THREADS.getThreadCpuTime(watcher.threadId());
    }

    private static void expect(BufferedReader in, String line) throws IOException {
        String got = in.readLine();
        if (!line.equals(got)) {
            throw new IOException("expected " + line + ", got " + got);
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("the watcher did not settle");
        }
    }
}
