package dev.braid.app.architecture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The package dependency graph of compiled classes, as the JDK's {@code jdeps}
 * reads it from the byte code, and the cycles in it. Only packages under
 * {@code dev.braid} count; a Javadoc link is no dependency.
 */
final class PackageCycles {
    /** A package line of {@code jdeps -verbose:package}: "   from   ->   to   archive". */
    private static final Pattern EDGE = Pattern.compile("^\\s+(dev\\.braid\\.\\S+)\\s+->\\s+(dev\\.braid\\.\\S+)\\s.*$");

    private final Map<String, Set<String>> edges;

    private PackageCycles(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /**
     * Reads the dependencies of the classes in {@code targets} (class
     * directories or jars) with jdeps.
     *
     * @param targets what to analyse, together
     * @return the graph
     * @throws IllegalStateException when this JDK has no jdeps or jdeps fails
     */
    static PackageCycles of(List<Path> targets) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("this JDK has no jdeps tool"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-e", "dev\\.braid\\..*"));
        targets.forEach(target -> args.add(target.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("jdeps " + args + " failed with status " + status + ": " + err + out);
        }
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches() && !edge.group(1).equals(edge.group(2))) {
                edges.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
                edges.computeIfAbsent(edge.group(2), p -> new TreeSet<>());
            }
        }
        return new PackageCycles(edges);
    }

    /**
     * Returns the packages, each with those it depends on.
     *
     * @return the graph, sorted
     */
    Map<String, Set<String>> edges() {
        return edges;
    }

    /**
     * Returns the cycles: each group of packages that reach one another
     * (Tarjan's strongly connected components of more than one package).
     *
     * @return each cycle's packages, sorted; empty when there is none
     */
    List<Set<String>> cycles() {
        return new Tarjan().run();
    }

    /** Tarjan's algorithm over {@link #edges}; the graphs are a few dozen packages, so recursion is fine. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> lowLink = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> cycles = new ArrayList<>();

        List<Set<String>> run() {
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return cycles;
        }

        private void visit(String node) {
            index.put(node, index.size());
            lowLink.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
                } else if (onStack.contains(next)) {
                    lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
                }
            }
            if (lowLink.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    cycles.add(component);
                }
            }
        }
    }
}
