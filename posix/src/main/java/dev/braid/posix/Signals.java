package dev.braid.posix;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Installs handlers for Unix signals (SIGTERM, SIGINT, SIGUSR1) on top of the
 * JDK's {@code sun.misc.Signal}.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection and its
 * {@code SignalHandler} implemented with a {@link Proxy}: naming the class
 * directly makes javac print an "internal proprietary API" warning that no
 * flag silences, and the build treats warnings seriously (see the platform
 * notes). The class lives in module {@code jdk.unsupported}, which the
 * {@code braid} image includes.
 *
 * <p>Installing a handler for SIGTERM or SIGINT replaces the JVM's own
 * shutdown on that signal: the process keeps running until the handler ends
 * it. A signal the process inherited as <em>ignored</em> (SIGINT in the
 * background jobs of a non-interactive shell) stays ignored, as twistd's
 * does: {@link #handle} then returns {@code false}.
 *
 * <pre>{@code
 * Signals.handle("TERM", () -> loop.callFromThread(this::shutDown));
 * }</pre>
 */
public final class Signals {
    private static final Class<?> SIGNAL;
    private static final Class<?> HANDLER;
    private static final Constructor<?> NEW_SIGNAL;
    private static final Method HANDLE;
    private static final Object SIG_IGN;
    private static final Object SIG_DFL;

    static {
        try {
            SIGNAL = Class.forName("sun.misc.Signal");
            HANDLER = Class.forName("sun.misc.SignalHandler");
            NEW_SIGNAL = SIGNAL.getConstructor(String.class);
            HANDLE = SIGNAL.getMethod("handle", SIGNAL, HANDLER);
            SIG_IGN = HANDLER.getField("SIG_IGN").get(null);
            SIG_DFL = HANDLER.getField("SIG_DFL").get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Signals() {
    }

    /**
     * Runs {@code action} each time the process receives signal {@code name}.
     * The action runs on a JVM thread dedicated to signals; keep it short and
     * hand real work to a loop.
     *
     * @param name the signal's name without {@code SIG}, such as {@code "TERM"}
     * @param action what to do
     * @return true if installed; false if the process started with the signal
     *     ignored, which is left in place
     * @throws IllegalArgumentException if the JVM reserves the signal (QUIT, KILL, STOP)
     */
    public static boolean handle(String name, Runnable action) {
        Object signal = signal(name);
        Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {HANDLER},
                (proxy, method, args) -> switch (method.getName()) {
                    case "handle" -> {
                        action.run();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "braid handler for SIG" + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Object previous = install(signal, handler);
        if (previous == SIG_IGN) {
            install(signal, SIG_IGN);
            return false;
        }
        return true;
    }

    /**
     * Restores the operating system's default action for a signal (for
     * SIGTERM and SIGINT: terminate the process).
     *
     * @param name the signal's name without {@code SIG}
     */
    public static void restoreDefault(String name) {
        install(signal(name), SIG_DFL);
    }

    private static Object signal(String name) {
        try {
            return NEW_SIGNAL.newInstance(name);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object install(Object signal, Object handler) {
        try {
            return HANDLE.invoke(null, signal, handler);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
