package dev.braid.bench;

import dev.braid.web.Resource;
import dev.braid.web.Site;
import dev.braid.web.examples.DemoSite;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Counts what one GET /hello through a {@link Site} allocates, class by
 * class: the same server and keep-alive client as
 * {@code RequestLoopBenchmark.siteHello}, a class histogram of every object
 * on the heap (unreachable ones included) taken before and after N requests,
 * and the difference divided by N. Run under the Epsilon collector, which
 * frees nothing, the counts are exact: where JMH's B/op moves by ±100 B from
 * one JVM to the next (virtual-thread parking and JIT decisions allocate
 * more or less), this shows which objects a change adds or removes.
 *
 * <pre>
 * java --enable-preview -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xmx3g \
 *      -cp benchmarks/target/classes:$(cat benchmarks/target/runtime-classpath.txt) \
 *      dev.braid.bench.AllocationsPerRequest 50000
 * </pre>
 *
 * Prints one line per class allocated at least once per ten requests, then
 * the total bytes per request.
 */
public final class AllocationsPerRequest {
    private static final int WARM_UP = 20_000;

    private AllocationsPerRequest() {
    }

    /**
     * Serves and counts.
     *
     * @param args the number of requests measured (after 20,000 to warm up)
     * @throws IOException if the server or client fails
     * @throws JMException if the histogram cannot be taken
     */
    public static void main(String[] args) throws IOException, JMException {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Resource root = new Resource() { };
        root.putChild("hello", new DemoSite.HelloResource());
        long[] logged = {0};
        Site site = Site.builder(root).accessLog(line -> logged[0] += line.length()).build();
        WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r.register(site)).build().start();
        try (KeepAliveClient client = new KeepAliveClient(server.port())) {
            for (int i = 0; i < WARM_UP; i++) {
                client.get("/hello");
            }
            Map<String, long[]> before = histogram();
            for (int i = 0; i < requests; i++) {
                client.get("/hello");
            }
            Map<String, long[]> after = histogram();
            print(before, after, requests);
        } finally {
            server.stop();
            site.close();
        }
    }

    private static void print(Map<String, long[]> before, Map<String, long[]> after, int requests) {
        long totalBytes = 0;
        Map<String, String> rows = new TreeMap<>();
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            long instances = entry.getValue()[0] - was[0];
            long bytes = entry.getValue()[1] - was[1];
            totalBytes += bytes;
            if (instances * 10 >= requests) {
                rows.put(entry.getKey(), String.format("%8.2f instances %9.1f B", instances / (double) requests,
                        bytes / (double) requests));
            }
        }
        rows.forEach((name, row) -> System.out.println(row + "  " + name));
        System.out.printf("total %.1f B per request%n", totalBytes / (double) requests);
    }

    /** Class name to {instances, bytes}, unreachable objects included (jcmd GC.class_histogram -all). */
    private static Map<String, long[]> histogram() throws JMException {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
        Map<String, long[]> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":")) {
                counts.put(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
        }
        return counts;
    }
}
