package dev.braid.deferred.threads;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Threads;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The "decorator that delegates any method to the thread pool without
 * changing its semantics": it turns blocking functions, or a whole blocking
 * object, into ones that return {@link Deferred}s.
 *
 * <p>Every call of a wrapped function runs the original through
 * {@link Threads#deferToThread}: on its own virtual thread (a subtask of the
 * current loop), with a Deferred that fires on the caller's loop. The result
 * is the very object the original returned, and a failure carries the very
 * exception it threw — checked, unchecked or an {@code Error} — so
 * {@code failure.trap(IOException.class)} works as it would around a direct
 * call. Arguments are passed as they are: do not change a mutable argument
 * while the call runs.
 *
 * <pre>{@code
 * Function<Path, Deferred<String>> read = InThread.inThread((Path p) -> Files.readString(p));
 * read.apply(Path.of("poem.txt")).addCallback(poem -> { System.out.println(poem); return null; });
 *
 * interface Poems { Deferred<String> fetch(String title); }   // what callers see
 * Poems poems = InThread.proxy(Poems.class, new BlockingPoemStore(dir));
 * poems.fetch("ecstasy").addCallback(...);
 * }</pre>
 *
 * <p>Where Java differs from Twisted: Twisted's {@code deferToThread} runs
 * functions on a pool of at most ten threads; here each call gets a virtual
 * thread. Bound the parallelism with a {@link dev.braid.deferred.ThreadPool}
 * inside the function when a resource needs it.
 */
public final class InThread {
    private InThread() {
    }

    /**
     * Wraps a blocking function of no argument. Lambdas land here and may throw
     * checked exceptions.
     *
     * @param fn the blocking function
     * @param <T> its result type
     * @return a supplier that starts {@code fn} on a thread at each call
     */
    public static <T> Supplier<Deferred<T>> inThread(BlockingCall<? extends T> fn) {
        return inThread((Callable<? extends T>) fn);
    }

    /**
     * Wraps an existing {@link Callable}.
     *
     * @param fn the blocking function
     * @param <T> its result type
     * @return a supplier that starts {@code fn} on a thread at each call
     */
    public static <T> Supplier<Deferred<T>> inThread(Callable<? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        return () -> Threads.deferToThread(fn);
    }

    /**
     * Wraps an existing {@link Supplier}.
     *
     * @param fn the blocking function
     * @param <T> its result type
     * @return a supplier that starts {@code fn} on a thread at each call
     */
    public static <T> Supplier<Deferred<T>> inThread(Supplier<? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        return () -> Threads.deferToThread(fn::get);
    }

    /**
     * Wraps a blocking function of one argument. Lambdas land here and may
     * throw checked exceptions.
     *
     * @param fn the blocking function
     * @param <A> its argument type
     * @param <R> its result type
     * @return a function that starts {@code fn} on a thread at each call
     */
    public static <A, R> Function<A, Deferred<R>> inThread(BlockingFunction<? super A, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return argument -> Threads.deferToThread(() -> fn.call(argument));
    }

    /**
     * Wraps an existing {@link Function}.
     *
     * @param fn the blocking function
     * @param <A> its argument type
     * @param <R> its result type
     * @return a function that starts {@code fn} on a thread at each call
     */
    public static <A, R> Function<A, Deferred<R>> inThread(Function<? super A, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return argument -> Threads.deferToThread(() -> fn.apply(argument));
    }

    /**
     * Wraps a blocking function of two arguments. Lambdas land here and may
     * throw checked exceptions.
     *
     * @param fn the blocking function
     * @param <A> its first argument's type
     * @param <B> its second argument's type
     * @param <R> its result type
     * @return a function that starts {@code fn} on a thread at each call
     */
    public static <A, B, R> BiFunction<A, B, Deferred<R>> inThread(
            BlockingBiFunction<? super A, ? super B, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return (first, second) -> Threads.deferToThread(() -> fn.call(first, second));
    }

    /**
     * Wraps an existing {@link BiFunction}.
     *
     * @param fn the blocking function
     * @param <A> its first argument's type
     * @param <B> its second argument's type
     * @param <R> its result type
     * @return a function that starts {@code fn} on a thread at each call
     */
    public static <A, B, R> BiFunction<A, B, Deferred<R>> inThread(BiFunction<? super A, ? super B, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return (first, second) -> Threads.deferToThread(() -> fn.apply(first, second));
    }

    /**
     * Returns an implementation of {@code api} whose every method runs the
     * method of the same name and parameter types on {@code blocking} in a
     * thread, and returns a Deferred of its result.
     *
     * <p>Each abstract method of {@code api} must return {@link Deferred};
     * {@code blocking} must have a public method with the same name and
     * parameter types whose result fits the Deferred's type argument (a
     * primitive fits its box, {@code void} fits {@code Deferred<Void>}).
     * Default methods of {@code api} run as written, on the caller's thread.
     * {@code equals} and {@code hashCode} are the proxy's identity;
     * {@code toString} names both sides. All of this is checked here, so a
     * mismatch fails at start-up rather than at the first call.
     *
     * @param api the interface callers use
     * @param blocking the object doing the blocking work; it need not implement {@code api}
     * @param <A> the interface type
     * @return the proxy
     * @throws IllegalArgumentException if {@code api} is not an interface, a
     *     method does not return a Deferred, or {@code blocking} lacks a
     *     matching public method
     */
    public static <A> A proxy(Class<A> api, Object blocking) {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(blocking, "blocking");
        ThreadedProxy handler = ThreadedProxy.create(api, blocking);
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
    }
}
