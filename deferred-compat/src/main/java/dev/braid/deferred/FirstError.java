package dev.braid.deferred;

import java.io.Serial;
import java.util.Objects;

/**
 * The failure of a {@link DeferredList} with {@code fireOnOneErrback}, and of
 * {@link Deferreds#gatherResults}: the first member that failed, and its index
 * (Twisted's {@code defer.FirstError}).
 *
 * <p>Two FirstErrors are equal when their indexes and sub-failures are equal.
 */
public class FirstError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Failure subFailure;
    private final int index;

    /**
     * Creates the error.
     *
     * @param subFailure the member's failure
     * @param index the member's position in the list
     */
    public FirstError(Failure subFailure, int index) {
        super("FirstError[#" + index + ", " + subFailure + "]", subFailure.value());
        this.subFailure = subFailure;
        this.index = index;
    }

    /**
     * Returns the failure of the member that failed first.
     *
     * @return the member's failure
     */
    public Failure subFailure() {
        return subFailure;
    }

    /**
     * Returns the index of the member that failed first.
     *
     * @return the index in the list given to the DeferredList
     */
    public int index() {
        return index;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FirstError e && e.index == index && Objects.equals(e.subFailure, subFailure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, subFailure);
    }
}
