package dev.braid.web.session;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a session value of type {@code T} is written as a string (the form in
 * which every store keeps it: a Redis hash field holds exactly this text).
 * {@code decode(encode(v))} must equal {@code v}.
 *
 * <pre>{@code
 * ValueCodec<Instant> instants = ValueCodec.of(Instant::toString, Instant::parse);
 * session.values().put("seen", Instant.now(), instants);
 * }</pre>
 *
 * @param <T> the type of the values
 */
public interface ValueCodec<T> {
    /** Text as it is. */
    ValueCodec<String> STRING = of(Function.identity(), Function.identity());

    /**
     * A long as a decimal integer ({@code "-42"}): the form of counters, so a
     * value written with it can also be {@link SessionValues#increment incremented}.
     */
    ValueCodec<Long> LONG = of(value -> Long.toString(value), text -> {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal integer: '" + text + "'");
        }
    });

    /**
     * Writes a value.
     *
     * @param value the value, not null
     * @return its text
     */
    String encode(T value);

    /**
     * Reads a value back.
     *
     * @param text what {@link #encode} wrote
     * @return the value
     * @throws IllegalArgumentException if the text is not one this codec writes
     */
    T decode(String text);

    /**
     * Makes a codec of two functions.
     *
     * @param encode writes a value
     * @param decode reads it back
     * @param <T> the type
     * @return the codec
     */
    static <T> ValueCodec<T> of(Function<? super T, String> encode, Function<String, ? extends T> decode) {
        Objects.requireNonNull(encode, "encode");
        Objects.requireNonNull(decode, "decode");
        return new ValueCodec<>() {
            @Override
            public String encode(T value) {
                return Objects.requireNonNull(encode.apply(Objects.requireNonNull(value, "value")), "encoded value");
            }

            @Override
            public T decode(String text) {
                return decode.apply(text);
            }
        };
    }
}
