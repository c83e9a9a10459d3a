package dev.braid.deferred;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * An exception travelling down a {@link Deferred}'s errback chain (Twisted's
 * {@code twisted.python.failure.Failure}).
 *
 * <p>A Failure wraps the original {@link Throwable}; nothing is copied or
 * rewrapped, so {@link #value()} is the very object that was thrown and
 * {@link #trap} re-throws that object. The traceback is the Java stack trace
 * with a {@code --- <exception caught here> ---} line where a Deferred caught
 * the exception, followed by the frames of whoever fired the chain.
 *
 * <p>Failures are immutable and safe to share between threads.
 *
 * <pre>{@code
 * d.addErrback(f -> {
 *     f.trap(ConnectException.class);      // anything else keeps failing
 *     return "fallback poem";
 * });
 * }</pre>
 */
public final class Failure {
    /** By default, a frame of this method marks where a Deferred caught an exception its callback threw. */
    private static final String CATCHING_CLASS = "dev.braid.deferred.Deferred";
    private static final String CATCHING_METHOD = "call";

    private final Throwable value;
    private final String caughtBy;
    private final String catchingClass;
    private final String catchingMethod;

    /**
     * Wraps an exception. If it is already a Failure's value, prefer passing
     * the Failure itself around.
     *
     * @param value the exception; must not be null
     * @throws NullPointerException if {@code value} is null (Twisted's
     *     {@code Failure()} outside an {@code except} raises too)
     */
    public Failure(Throwable value) {
        this(value, null);
    }

    /**
     * Wraps an exception and says where it was caught, for the traceback.
     *
     * @param value the exception
     * @param caughtBy a short description of the code that caught it, such as
     *     {@code "deferToThread"}; may be null
     */
    public Failure(Throwable value, String caughtBy) {
        this(value, caughtBy, CATCHING_CLASS, CATCHING_METHOD);
    }

    private Failure(Throwable value, String caughtBy, String catchingClass, String catchingMethod) {
        this.value = Objects.requireNonNull(value, "a Failure needs an exception");
        this.caughtBy = caughtBy;
        this.catchingClass = catchingClass;
        this.catchingMethod = catchingMethod;
    }

    /**
     * Wraps an exception caught outside any Deferred, saying which method
     * caught it: the traceback's {@code --- <exception caught here> ---} line
     * goes before that method's frame (Twisted marks the frame of the
     * {@code except} clause the same way).
     *
     * @param value the exception
     * @param catcher the class whose method caught it
     * @param method that method's name
     * @return the Failure
     */
    public static Failure caughtIn(Throwable value, Class<?> catcher, String method) {
        return new Failure(value, null, catcher.getName(), method);
    }

    /**
     * Returns the wrapped exception, the same object that was thrown.
     *
     * @return the exception
     */
    public Throwable value() {
        return value;
    }

    /**
     * Returns the class of the wrapped exception.
     *
     * @return the exception's class
     */
    public Class<? extends Throwable> type() {
        return value.getClass();
    }

    /**
     * Returns the first of {@code types} that the exception is an instance of
     * (Twisted's {@code check}, which returns None when nothing matches).
     *
     * @param types the exception types to test, in order
     * @return the first matching type, or empty
     */
    @SafeVarargs
    public final Optional<Class<? extends Throwable>> check(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> type : types) {
            if (type.isInstance(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the first of {@code types} that the exception is an instance of,
     * or re-throws the <em>original exception</em> (not this Failure) when none
     * matches. Used in an errback, that sends the same failure on down the
     * chain, as Twisted's {@code trap} does. Checked exceptions are re-thrown as
     * they are, without being declared.
     *
     * @param types the exception types this errback handles
     * @return the matching type
     */
    @SafeVarargs
    public final Class<? extends Throwable> trap(Class<? extends Throwable>... types) {
        Optional<Class<? extends Throwable>> matched = check(types);
        if (matched.isPresent()) {
            return matched.get();
        }
        throw sneakyThrow(value);
    }

    /**
     * Throws the original exception, checked or not, without declaring it
     * (Twisted's {@code raiseException}). Declared to return a value so that
     * {@code return failure.raiseException();} compiles in any callback.
     *
     * @param <X> any type
     * @return never returns
     */
    public <X> X raiseException() {
        throw sneakyThrow(value);
    }

    /**
     * Returns the exception's message, or the empty string when it has none
     * (Twisted's {@code getErrorMessage}, which is {@code str(value)}).
     *
     * @return the message, never null
     */
    public String getErrorMessage() {
        String message = value.getMessage();
        return message == null ? "" : message;
    }

    /**
     * Returns where this Failure was caught when not inside a callback, for
     * example {@code "deferToThread"}.
     *
     * @return the description, or empty
     */
    public Optional<String> caughtBy() {
        return Optional.ofNullable(caughtBy);
    }

    /**
     * Returns the traceback: the exception's stack trace (with its causes), a
     * {@code --- <exception caught here> ---} line before the first frame of
     * the Deferred that caught it, and that frame onwards. This is exactly what
     * {@link #printTraceback(PrintStream)} writes.
     *
     * @return the traceback text, lines ending in {@code \n}
     */
    public String getTraceback() {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        writeTraceback(writer);
        writer.flush();
        return out.toString().replace("\r\n", "\n");
    }

    /**
     * Writes {@link #getTraceback()} to a stream.
     *
     * @param stream where to write, for example {@code System.err}
     */
    public void printTraceback(PrintStream stream) {
        stream.print(getTraceback());
        stream.flush();
    }

    /** Writes {@link #getTraceback()} to standard error. */
    public void printTraceback() {
        printTraceback(System.err);
    }

    private void writeTraceback(PrintWriter out) {
        out.println(value);
        boolean marked = false;
        for (StackTraceElement frame : value.getStackTrace()) {
            if (!marked && catchingClass.equals(frame.getClassName())
                    && catchingMethod.equals(frame.getMethodName())) {
                out.println("\t--- <exception caught here> ---");
                marked = true;
            }
            out.println("\tat " + frame);
        }
        if (caughtBy != null) {
            out.println("\t--- <exception caught here: " + caughtBy + "> ---");
        }
        for (Throwable suppressed : value.getSuppressed()) {
            out.println("\tSuppressed: " + stackTraceOf(suppressed).stripTrailing().replace("\n", "\n\t"));
        }
        Throwable cause = value.getCause();
        if (cause != null && cause != value) {
            out.print("Caused by: " + stackTraceOf(cause));
        }
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().replace("\r\n", "\n");
    }

    /**
     * Returns a brief description, like Twisted's {@code str(failure)}:
     * {@code [Failure instance: java.lang.IllegalStateException: message]}.
     */
    @Override
    public String toString() {
        return "[Failure instance: " + value + "]";
    }

    /** Two Failures are equal when they wrap the same exception object. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Failure f && f.value == value;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(value);
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
