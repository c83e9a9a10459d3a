package dev.braid.posix;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The one base of every libc call in this package: one {@link Linker}, one
 * {@link SymbolLookup} (libc, through the linker's default lookup), the
 * {@code errno} capture ({@link Linker.Option#captureCallState}), and the two
 * ways a failed call is reported: a {@link PosixException} ({@link #call}, for
 * the daemon's calls) or a negative errno ({@link #callOrErrno}, for the hot
 * calls of the disconnect watcher, which treats most failures as "not this fd").
 *
 * <p>Every downcall made here is recorded in {@link #SHAPES}, so a test can
 * check that each is registered for native-image.
 */
@SuppressWarnings("restricted")
final class Downcalls {
    /** A C string: {@code char *} read up to its NUL. */
    static final AddressLayout C_STRING = ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(Long.MAX_VALUE, JAVA_BYTE));

    /** Every downcall shape linked so far, spelled as {@link #shape} does, for the native-image metadata check. */
    static final List<String> SHAPES = new CopyOnWriteArrayList<>();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = plain("strerror", FunctionDescriptor.of(C_STRING, JAVA_INT));

    private Downcalls() {
    }

    /** A downcall that gets an arena for its arguments and, as its first argument, the segment capturing errno. */
    @FunctionalInterface
    interface NativeCall {
        int call(Arena arena, MemorySegment errnoState) throws Throwable;
    }

    /**
     * Links a libc function that leaves nothing in {@code errno}.
     *
     * @throws UnsatisfiedLinkError when libc has no such function
     */
    static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return link(name, descriptor, false, -1);
    }

    /**
     * Links a libc function whose {@code errno} is captured: the handle takes
     * the capture segment ({@link #callState}) as its first argument.
     *
     * @throws UnsatisfiedLinkError when libc has no such function
     */
    static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return link(name, descriptor, true, -1);
    }

    /**
     * Links a libc function, capturing {@code errno} or not, variadic from
     * argument {@code firstVariadic} (or not variadic when negative).
     *
     * @throws UnsatisfiedLinkError when libc has no such function
     */
    static MethodHandle link(String name, FunctionDescriptor descriptor, boolean errno, int firstVariadic) {
        List<Linker.Option> options = new ArrayList<>();
        if (firstVariadic >= 0) {
            options.add(Linker.Option.firstVariadicArg(firstVariadic));
        }
        if (errno) {
            options.add(Linker.Option.captureCallState("errno"));
        }
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        MethodHandle handle = LINKER.downcallHandle(symbol, descriptor, options.toArray(Linker.Option[]::new));
        SHAPES.add(shape(descriptor, errno, firstVariadic));
        return handle;
    }

    /** Spells a downcall the way reachability-metadata.json does: {@code jint(void*,jint) errno variadic=2}. */
    static String shape(FunctionDescriptor descriptor, boolean errno, int firstVariadic) {
        StringBuilder text = new StringBuilder(descriptor.returnLayout().map(Downcalls::typeName).orElse("void"))
                .append('(');
        for (int i = 0; i < descriptor.argumentLayouts().size(); i++) {
            text.append(i == 0 ? "" : ",").append(typeName(descriptor.argumentLayouts().get(i)));
        }
        text.append(')');
        if (errno) {
            text.append(" errno");
        }
        if (firstVariadic >= 0) {
            text.append(" variadic=").append(firstVariadic);
        }
        return text.toString();
    }

    private static String typeName(MemoryLayout layout) {
        if (layout instanceof AddressLayout) {
            return "void*";
        }
        return layout.equals(JAVA_LONG) ? "jlong" : "jint";
    }

    /** Allocates the segment a call with {@link #withErrno} captures errno into. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** The errno the last call made with {@code state} left. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** A call's result as the watcher wants it: the result when not negative, else the negative errno. */
    static int orErrno(int result, MemorySegment state) {
        return result >= 0 ? result : -errno(state);
    }

    /**
     * Makes a call whose {@code -1} means failure, as most of libc's do.
     *
     * @param function the libc function's name, for the exception
     * @return the call's result
     * @throws PosixException with the captured errno when the call returned -1
     */
    static int call(String function, NativeCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            int rc = invoke(call, arena, state);
            if (rc == -1) {
                throw failed(function, errno(state));
            }
            return rc;
        }
    }

    /**
     * Makes a call whose negative result means failure, and reports that
     * failure as a value rather than an exception.
     *
     * @return the call's result, or the negative errno when it failed
     */
    static int callOrErrno(NativeCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = callState(arena);
            return orErrno(invoke(call, arena, state), state);
        }
    }

    private static int invoke(NativeCall call, Arena arena, MemorySegment state) {
        try {
            return call.call(arena, state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The exception for a libc function that failed with {@code errno}, with the system's text for it. */
    static PosixException failed(String function, int errno) {
        return new PosixException(function, errno, strerror(errno));
    }

    /** The system's text for an error number ({@code strerror(3)}). */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * What a downcall's {@code invokeExact} threw, as an unchecked exception:
     * errors and runtime exceptions as they are, anything else wrapped.
     */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("native call failed: " + t, t);
    }
}
