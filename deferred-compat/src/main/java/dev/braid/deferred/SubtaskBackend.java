package dev.braid.deferred;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.List;

/**
 * Runs a loop's subtasks (deferToThread work, inline bodies) on virtual
 * threads and stops them when the loop ends. Two implementations behave the
 * same: {@code StructuredBackend}, over the JDK 25 preview
 * {@code StructuredTaskScope}, and {@link VirtualThreadBackend}, used when
 * preview features are not enabled. Only the loop's own thread calls these
 * methods, except {@link #workEnded()}, which a subtask's thread calls.
 */
interface SubtaskBackend {
    /** The system property that forces a backend: {@code structured} or {@code virtual}. */
    String PROPERTY = "braid.subtasks";

    /** What became of a fork. */
    enum Fork {
        /** The task runs on its own virtual thread. */
        STARTED,
        /** The backend is closed: the task will not run. */
        CLOSED,
        /**
         * The loop's thread is inside a ScopedValue binding made after the scope
         * opened, where the JDK refuses to fork: fork again from the loop's own frame.
         */
        RETRY_FROM_LOOP
    }

    /**
     * Starts {@code task} on a new virtual thread that sees the loop as current.
     *
     * @return whether it started
     */
    Fork fork(Runnable task);

    /**
     * Interrupts every unfinished subtask and waits until all have ended, or
     * until the grace given at {@link #open} has passed.
     *
     * @return the threads of subtasks still running after the grace (left running)
     */
    List<Thread> close();

    /**
     * Called on a subtask's own thread as its result is handed to the loop:
     * the subtask no longer counts as running for {@link #close()}.
     */
    void workEnded();

    /** "structured" or "virtual". */
    String name();

    /**
     * Opens the backend chosen by {@link #PROPERTY}, or the best one available.
     *
     * @param grace how long {@link #close()} waits for subtasks that ignore
     *     their interrupt; null: as long as it takes
     */
    static SubtaskBackend open(EventLoop loop, Duration grace) {
        return Choice.structured() ? Structured.open(loop, grace) : new VirtualThreadBackend(loop, grace);
    }

    /** The name of the backend {@link #open} opens: "structured" or "virtual". */
    static String chosenName() {
        return Choice.structured() ? "structured" : "virtual";
    }

    /** Whether the backend must be opened in the owner thread's own frame, as the loop starts (a scope must). */
    static boolean opensAtLoopStart() {
        return Choice.structured();
    }

    /** The backend, chosen once per JVM from {@link #PROPERTY} and whether preview features are on. */
    final class Choice {
        private static final String WANTED = System.getProperty(PROPERTY, "auto");
        private static final boolean STRUCTURED = !WANTED.equals("virtual") && Structured.AVAILABLE;

        private Choice() {
        }

        /** Whether loops use the structured backend; throws if it was asked for and cannot be had. */
        static boolean structured() {
            if (!STRUCTURED && WANTED.equals("structured")) {
                throw new IllegalStateException(PROPERTY + "=structured needs the JVM flag --enable-preview (JDK 25)",
                        Structured.UNAVAILABLE_BECAUSE);
            }
            return STRUCTURED;
        }
    }

    /**
     * Loads {@code StructuredBackend} by reflection, so that a JVM without
     * {@code --enable-preview} never links against a preview class file. Its
     * constructor is looked up once: a loop is opened for every request.
     */
    final class Structured {
        private static final String CLASS_NAME = "dev.braid.deferred.StructuredBackend";
        static final Throwable UNAVAILABLE_BECAUSE = probe();
        static final boolean AVAILABLE = UNAVAILABLE_BECAUSE == null;
        private static final MethodHandle CONSTRUCTOR = AVAILABLE ? constructor() : null;

        private Structured() {
        }

        private static Throwable probe() {
            try {
                Class.forName(CLASS_NAME, true, SubtaskBackend.class.getClassLoader());
                return null;
            } catch (LinkageError | ClassNotFoundException e) {
                return e; // UnsupportedClassVersionError: preview features are not enabled
            }
        }

        private static MethodHandle constructor() {
            try {
                return MethodHandles.lookup()
                        .findConstructor(Class.forName(CLASS_NAME), MethodType.methodType(void.class, EventLoop.class,
                                Duration.class))
                        .asType(MethodType.methodType(SubtaskBackend.class, EventLoop.class, Duration.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static SubtaskBackend open(EventLoop loop, Duration grace) {
            if (CONSTRUCTOR == null) {
                throw new IllegalStateException("cannot open a StructuredTaskScope backend", UNAVAILABLE_BECAUSE);
            }
            try {
                return (SubtaskBackend) CONSTRUCTOR.invokeExact(loop, grace);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot open a StructuredTaskScope backend", e);
            }
        }
    }
}
