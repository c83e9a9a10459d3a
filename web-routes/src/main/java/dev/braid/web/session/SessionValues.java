package dev.braid.web.session;

import java.util.Optional;

/**
 * A session's values: the part of a session that every server sharing its
 * store sees (Twisted keeps everything in the process; several servers cannot).
 * A value is a string under a name; {@link ValueCodec} turns other types into
 * strings and back, and a counter is a decimal integer that
 * {@link #increment} changes atomically, so requests running at once on
 * several servers lose no update.
 *
 * <p>Components ({@link Session#component}) are objects of one process; a
 * component whose state must be shared keeps it here:
 *
 * <pre>{@code
 * final class Views {
 *     private final SessionValues values;
 *     Views(Session session) { this.values = session.values(); }
 *     long next() { return values.increment("views", 1); }      // 1, 2, 3 ... on every server
 * }
 * long views = request.getSession().component(Views.class, Views::new).next();
 * }</pre>
 *
 * <p>Every method is thread-safe. In a store kept in this process the values
 * live in the Session object and outlive its expiry (as Twisted's components
 * do); in a shared store they go with the session, and a method called on a
 * session that another server has just expired throws
 * {@link SessionExpiredException}. A shared store that cannot be reached
 * throws {@link SessionsUnavailableException}, which a Site answers with 503.
 */
public interface SessionValues {
    /**
     * Adds {@code delta} to a counter, atomically, and returns the new value.
     * A missing counter counts from 0.
     *
     * @param name the counter's name
     * @param delta what to add (negative to subtract)
     * @return the value after the addition
     * @throws IllegalStateException if the value under {@code name} is not a decimal integer, or the result
     *                               overflows a long
     */
    long increment(String name, long delta);

    /**
     * Returns a value.
     *
     * @param name its name
     * @return the value, or empty if there is none
     */
    Optional<String> get(String name);

    /**
     * Sets (replaces) a value.
     *
     * @param name its name
     * @param value the value
     */
    void put(String name, String value);

    /**
     * Removes a value; removing a missing one does nothing.
     *
     * @param name its name
     */
    void remove(String name);

    /**
     * Returns a value decoded by {@code codec}.
     *
     * @param name its name
     * @param codec how the value is written
     * @param <T> its type
     * @return the value, or empty if there is none
     * @throws IllegalArgumentException if the stored text is not one that {@code codec} reads
     */
    default <T> Optional<T> get(String name, ValueCodec<T> codec) {
        return get(name).map(codec::decode);
    }

    /**
     * Sets a value encoded by {@code codec}.
     *
     * @param name its name
     * @param value the value
     * @param codec how to write it
     * @param <T> its type
     */
    default <T> void put(String name, T value, ValueCodec<T> codec) {
        put(name, codec.encode(value));
    }
}
