package dev.braid.deferred.flow;

import dev.braid.deferred.Failure;

/**
 * A value or a trapped failure, from a stage made by {@link Stage#trap}.
 *
 * <p>In Twisted a trapped failure shows up among the values as the exception
 * class ({@code if result is IOError}); in Java it is a {@link Trapped} item,
 * so a switch tells the two apart:
 *
 * <pre>{@code
 * for (Item<Integer> item : out.each(producer.trap(IOException.class))) {
 *     switch (item) {
 *         case Item.Value<Integer>(Integer value) -> out.yield(value);
 *         case Item.Trapped<Integer> trapped -> out.yield("trapped");
 *     }
 * }
 * }</pre>
 *
 * @param <T> the type of the values
 */
public sealed interface Item<T> {
    /**
     * A value.
     *
     * @param value the value; may be null
     * @param <T> its type
     */
    record Value<T>(T value) implements Item<T> {
    }

    /**
     * A failure of one of the trapped types; the stage ends after it.
     *
     * @param failure the failure
     * @param <T> the type of the values
     */
    record Trapped<T>(Failure failure) implements Item<T> {
    }
}
