package dev.braid.deferred;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deferreds that fire when a list of Deferreds has fired (Twisted's
 * {@code DeferredList}, which in Java is a factory: {@link Deferred} is final).
 *
 * <p>{@link #of} fires with one {@link Outcome} per member — Twisted's
 * {@code (success, result)} pairs — in the members' order, not the order they
 * fired, once every member has fired; an empty list fires at once with an
 * empty list. {@link #fireOnOneCallback} fires with the first success as
 * {@code Outcome(true, result, index)} (Twisted's {@code (result, index)}); an
 * empty list then never fires. Options:
 * <ul>
 *   <li>{@link Option#FIRE_ON_ONE_ERRBACK}: errback with {@link FirstError} as
 *       soon as one member fails.</li>
 *   <li>{@link Option#CONSUME_ERRORS}: once the list has seen a member's
 *       failure, the member's own chain continues with {@code null}, so the
 *       failure is not reported as unhandled. Without it the member keeps its
 *       Failure.</li>
 * </ul>
 * Each member gets one (callback, errback) pair added when the list is made.
 * Cancelling an unfired list cancels every member; exceptions from their
 * cancellers are logged, not thrown.
 *
 * <pre>{@code
 * DeferredList.of(List.of(getPoetry(a), getPoetry(b)))
 *     .addCallback(outcomes -> {
 *         for (var o : outcomes) System.out.println(o.success() ? o.value() : o.failure().getErrorMessage());
 *         return null;
 *     });
 * }</pre>
 */
public final class DeferredList {
    private static final Logger LOG = Logger.getLogger(DeferredList.class.getName());

    /** Twisted's keyword options. */
    public enum Option {
        /** Errback with {@link FirstError} on the first member failure. */
        FIRE_ON_ONE_ERRBACK,
        /** Replace each member's failure by null in the member's chain once seen. */
        CONSUME_ERRORS
    }

    /**
     * One member's outcome.
     *
     * @param success whether the member succeeded
     * @param result the member's value, or its {@link Failure}
     * @param index the member's position in the list
     * @param <T> the value type
     */
    public record Outcome<T>(boolean success, Object result, int index) {
        /**
         * Returns the value of a member that succeeded.
         *
         * @return the value
         * @throws IllegalStateException if the member failed
         */
        @SuppressWarnings("unchecked")
        public T value() {
            if (!success) {
                throw new IllegalStateException("member " + index + " failed: " + result);
            }
            return (T) result;
        }

        /**
         * Returns the failure of a member that failed.
         *
         * @return the failure
         * @throws IllegalStateException if the member succeeded
         */
        public Failure failure() {
            if (success) {
                throw new IllegalStateException("member " + index + " succeeded");
            }
            return (Failure) result;
        }
    }

    private DeferredList() {
    }

    /**
     * Waits for every member.
     *
     * @param members the Deferreds to wait for
     * @param options {@link Option#FIRE_ON_ONE_ERRBACK}, {@link Option#CONSUME_ERRORS}
     * @param <T> the members' result type
     * @return a Deferred firing with one Outcome per member, in order
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<List<Outcome<T>>> of(List<? extends Deferred<? extends T>> members, Option... options) {
        Set<Option> set = optionSet(options);
        return (Deferred<List<Outcome<T>>>) (Deferred<?>) create(members, false,
                set.contains(Option.FIRE_ON_ONE_ERRBACK), set.contains(Option.CONSUME_ERRORS));
    }

    /**
     * Fires with the first member that succeeds (Twisted's
     * {@code fireOnOneCallback=True}); never fires for an empty list or when
     * every member fails (unless {@link Option#FIRE_ON_ONE_ERRBACK}).
     *
     * @param members the Deferreds to wait for
     * @param options {@link Option#FIRE_ON_ONE_ERRBACK}, {@link Option#CONSUME_ERRORS}
     * @param <T> the members' result type
     * @return a Deferred firing with {@code Outcome(true, result, index)}
     */
    @SuppressWarnings("unchecked")
    public static <T> Deferred<Outcome<T>> fireOnOneCallback(List<? extends Deferred<? extends T>> members,
                                                             Option... options) {
        Set<Option> set = optionSet(options);
        return (Deferred<Outcome<T>>) (Deferred<?>) create(members, true,
                set.contains(Option.FIRE_ON_ONE_ERRBACK), set.contains(Option.CONSUME_ERRORS));
    }

    /**
     * Twisted's constructor with all its flags, untyped: the result is a
     * {@code List<Outcome>}, or with {@code fireOnOneCallback} a single
     * {@code Outcome}.
     *
     * @param members the Deferreds to wait for
     * @param fireOnOneCallback fire with the first success
     * @param fireOnOneErrback errback with FirstError on the first failure
     * @param consumeErrors replace members' failures by null once seen
     * @return the list's Deferred
     */
    public static Deferred<Object> create(List<? extends Deferred<?>> members, boolean fireOnOneCallback,
                                          boolean fireOnOneErrback, boolean consumeErrors) {
        return new Collector(members, fireOnOneCallback, fireOnOneErrback, consumeErrors).start();
    }

    private static Set<Option> optionSet(Option... options) {
        return options.length == 0 ? Set.of() : Set.copyOf(Arrays.asList(options));
    }

    /** The bookkeeping pair added to each member. */
    private static final class Collector {
        private final List<Deferred<?>> members;
        private final List<Outcome<Object>> resultList;
        private final boolean fireOnOneCallback;
        private final boolean fireOnOneErrback;
        private final boolean consumeErrors;
        private final Deferred<Object> deferred;
        private int finishedCount;

        Collector(List<? extends Deferred<?>> members, boolean fireOnOneCallback, boolean fireOnOneErrback,
                  boolean consumeErrors) {
            this.members = List.copyOf(members);
            this.resultList = new ArrayList<>(Collections.nCopies(this.members.size(), null));
            this.fireOnOneCallback = fireOnOneCallback;
            this.fireOnOneErrback = fireOnOneErrback;
            this.consumeErrors = consumeErrors;
            this.deferred = new Deferred<>(EventLoop.currentOrNull(), ignored -> cancelMembers(), true);
        }

        Deferred<Object> start() {
            if (members.isEmpty() && !fireOnOneCallback) {
                deferred.callback(List.of());
            }
            for (int i = 0; i < members.size(); i++) {
                int index = i;
                members.get(i).addCallbacks(
                        value -> memberFired(true, value, index),
                        failure -> memberFired(false, failure, index));
            }
            return deferred;
        }

        private Object memberFired(boolean success, Object result, int index) {
            // A member of another loop (or thread) fires on its side: count it on ours.
            deferred.runInContext(() -> record(success, result, index));
            return !success && consumeErrors ? null : result;
        }

        private void record(boolean success, Object result, int index) {
            resultList.set(index, new Outcome<>(success, result, index));
            finishedCount++;
            if (!deferred.called()) {
                if (success && fireOnOneCallback) {
                    deferred.callback(new Outcome<>(true, result, index));
                } else if (!success && fireOnOneErrback) {
                    deferred.errback(new Failure(new FirstError((Failure) result, index)));
                } else if (finishedCount == resultList.size()) {
                    deferred.callback(Collections.unmodifiableList(resultList));
                }
            }
        }

        private void cancelMembers() {
            for (Deferred<?> member : members) {
                try {
                    member.cancel();
                } catch (Throwable error) {
                    LOG.log(Level.SEVERE, "Exception raised from user supplied canceller\n"
                            + new Failure(error).getTraceback());
                }
            }
        }
    }
}
