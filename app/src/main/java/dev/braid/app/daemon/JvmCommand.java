package dev.braid.app.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line that started this JVM, split into the part that starts
 * braid (the {@code java} executable, JVM options, class path, main class)
 * and braid's own arguments, so the launcher can run itself again with other
 * arguments: as a detached daemon, or in another directory.
 *
 * <p>On Linux the JDK reads the full command line from
 * {@code /proc/self/cmdline}. Where it cannot, the command is rebuilt from
 * {@code java.home}, {@code java.class.path} and the main class, with the
 * flags braid needs ({@code --enable-preview}, native access).
 *
 * <pre>{@code
 * List<String> again = JvmCommand.current(args, Braid.class).withArguments(List.of("-n", "web"));
 * }</pre>
 *
 * @param launcher the executable and the JVM's arguments before braid's own
 */
public record JvmCommand(List<String> launcher) {
    /** Copies the list. */
    public JvmCommand {
        launcher = List.copyOf(launcher);
    }

    /**
     * Finds the command that started this JVM.
     *
     * @param args the arguments {@code main} received
     * @param mainClass the class whose {@code main} runs
     * @return the command without braid's arguments
     */
    public static JvmCommand current(String[] args, Class<?> mainClass) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> command = info.command();
        Optional<String[]> arguments = info.arguments();
        if (command.isPresent() && arguments.isPresent()) {
            List<String> all = Arrays.asList(arguments.get());
            int jvmPart = all.size() - args.length;
            // The tail must be braid's own arguments; what precedes them starts braid
            // (a main class, or -jar FILE; nothing for a native binary).
            if (jvmPart >= 0 && all.subList(jvmPart, all.size()).equals(Arrays.asList(args))) {
                List<String> launcher = new ArrayList<>();
                launcher.add(command.get());
                launcher.addAll(all.subList(0, jvmPart));
                return new JvmCommand(launcher);
            }
        }
        return rebuilt(mainClass);
    }

    /**
     * Makes the command again when the system cannot tell the exact one —
     * Linux hands the JDK only the first page of a long command line, and the
     * image's class path makes it long — with this JVM's own options
     * (the heap cap, the AOT cache, {@code -D} settings), so a daemon child
     * runs like its launcher.
     */
    private static JvmCommand rebuilt(Class<?> mainClass) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        for (String option : jvmOptions()) {
            if (!option.startsWith("-Djava.class.path=")) {
                command.add(option);
            }
        }
        for (String needed : List.of("--enable-preview", "--enable-native-access=ALL-UNNAMED")) {
            if (!command.contains(needed)) {
                command.add(needed);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        return new JvmCommand(command);
    }

    private static List<String> jvmOptions() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        } catch (RuntimeException | LinkageError unavailable) {
            return List.of();   // no management in this runtime: the defaults will do
        }
    }

    /**
     * Returns the full command to run braid with other arguments.
     *
     * @param arguments braid's arguments
     * @return the command line
     */
    public List<String> withArguments(List<String> arguments) {
        List<String> all = new ArrayList<>(launcher);
        all.addAll(arguments);
        return all;
    }

    /**
     * Returns the {@code java} executable.
     *
     * @return its path
     */
    public String executable() {
        return launcher.getFirst();
    }
}
