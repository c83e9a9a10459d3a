package dev.braid.app.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What differs when braid runs as a native executable rather than on a JVM.
 *
 * <p>The JVM binary's shell launcher sets {@code braid.home} and adds
 * {@code BRAID_CLASSPATH} to the class path. A native executable has neither
 * a launcher script nor a class path: its home is the folder of the
 * executable itself, and plugins must be compiled into it, so a
 * {@code BRAID_CLASSPATH} is reported rather than silently ignored.
 *
 * <pre>{@code
 * NativeRuntime.prepare(System.getenv(), System.err);   // first thing in main
 * }</pre>
 */
public final class NativeRuntime {
    /** The system property a native image sets to {@code "runtime"} while it runs. */
    static final String IMAGE_CODE = "org.graalvm.nativeimage.imagecode";
    private static final String HOME = "braid.home";

    private NativeRuntime() {
    }

    /**
     * Tells whether this process is a native executable.
     *
     * @return true in a native image, false on a JVM
     */
    public static boolean isNative() {
        return "runtime".equals(System.getProperty(IMAGE_CODE));
    }

    /**
     * In a native executable: sets {@code braid.home} to the executable's
     * folder (unless already set), and warns on {@code err} when
     * {@code BRAID_CLASSPATH} is set. Does nothing on a JVM.
     *
     * @param environment the process environment
     * @param err where the warning goes
     */
    public static void prepare(Map<String, String> environment, PrintStream err) {
        if (!isNative()) {
            return;
        }
        if (System.getProperty(HOME) == null) {
            executableFolder().ifPresent(folder -> System.setProperty(HOME, folder.toString()));
        }
        String classpath = environment.get("BRAID_CLASSPATH");
        if (classpath != null && !classpath.isBlank()) {
            err.println("braid: BRAID_CLASSPATH is ignored by the native binary (it cannot load jars);"
                    + " run the JVM binary for third-party plugins");
        }
    }

    /** The real folder of the running executable (links resolved). */
    static Optional<Path> executableFolder() {
        return ProcessHandle.current().info().command()
                .map(command -> Path.of(command).toAbsolutePath().normalize().getParent());
    }
}
