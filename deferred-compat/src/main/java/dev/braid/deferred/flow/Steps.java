package dev.braid.deferred.flow;

import dev.braid.deferred.Failure;

/** Small helpers shared by the stages. */
final class Steps {
    private static final Step.End<?> END = new Step.End<>();

    private Steps() {
    }

    @SuppressWarnings("unchecked")
    static <T> Step<T> end() {
        return (Step<T>) END;
    }

    static <T> Step<T> failed(Throwable error, String caughtBy) {
        return new Step.Failed<>(new Failure(error, caughtBy));
    }

    /** Pulls {@code stage}, turning a pull that throws (a broken stage) into a failure. */
    static <T> Step<T> pull(Stage<T> stage) {
        try {
            Step<T> step = stage.pull();
            if (step == null) {
                return failed(new IllegalStateException(stage + " returned null from pull()"), "flow");
            }
            return step;
        } catch (Throwable error) {
            return failed(error, "flow stage " + stage.getClass().getSimpleName());
        }
    }

    /** Re-types a wait, end or failure for a stage of another value type. */
    @SuppressWarnings("unchecked")
    static <R> Step<R> retype(Step<?> step) {
        if (step instanceof Step.Value<?>) {
            throw new IllegalArgumentException("a value cannot be retyped");
        }
        return (Step<R>) step;
    }

    /** Closes quietly: a close that throws must not hide the failure being reported. */
    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
