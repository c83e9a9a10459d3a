package dev.braid.deferred.flow;

/**
 * "Let others run; pull me again in {@code delay} seconds" (Twisted's
 * {@code flow.Cooperate}). Put it among the elements of an Iterable given to
 * {@link Flow#iterate}, or call {@link Emitter#cooperate} in a generator.
 *
 * <p>Like Twisted's, it is advice: a merge that gets values from another
 * source pulls again without waiting, and {@link Flow#block} simply sleeps.
 *
 * <pre>{@code
 * Stage<Object> right = Flow.of("one", "two", Flow.cooperate(), "three");
 * }</pre>
 *
 * @param delay seconds to wait, at least 0
 */
public record Cooperate(double delay) implements Instruction {
    /**
     * Creates the instruction.
     *
     * @param delay seconds to wait
     * @throws IllegalArgumentException if negative or not a number
     */
    public Cooperate {
        if (!(delay >= 0)) {
            throw new IllegalArgumentException("Cooperate delay must be >= 0, got " + delay);
        }
    }
}
