package dev.braid.deferred.flow;

import dev.braid.deferred.Failure;

/**
 * What one {@link Stage#pull()} produced: a value, the end, a failure, or
 * "not yet — come back when this {@link Instruction} says so".
 *
 * <p>These are the four states of a Twisted flow stage after its
 * {@code _yield()}: a result, {@code stop}, {@code failure}, or an
 * instruction returned upwards.
 *
 * <pre>{@code
 * switch (stage.pull()) {
 *     case Step.Value<String>(String value) -> System.out.println(value);
 *     case Step.End<String>() -> System.out.println("done");
 *     case Step.Failed<String>(Failure failure) -> failure.printTraceback();
 *     case Step.Wait<String>(Instruction when) -> reschedule(when);
 * }
 * }</pre>
 *
 * @param <T> the stage's value type
 */
public sealed interface Step<T> {
    /**
     * The next value.
     *
     * @param value the value; may be null
     * @param <T> its type
     */
    record Value<T>(T value) implements Step<T> {
    }

    /**
     * The stage has no more values; every later pull returns End too.
     *
     * @param <T> the stage's value type
     */
    record End<T>() implements Step<T> {
    }

    /**
     * The stage failed; later pulls return {@link End}.
     *
     * @param failure what went wrong
     * @param <T> the stage's value type
     */
    record Failed<T>(Failure failure) implements Step<T> {
    }

    /**
     * No value is ready: pull again once {@code instruction} says so.
     *
     * @param instruction when to come back
     * @param <T> the stage's value type
     */
    record Wait<T>(Instruction instruction) implements Step<T> {
    }
}
