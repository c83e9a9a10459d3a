package dev.braid.deferred.flow;

import java.util.function.Predicate;

/** {@link Stage#filter}: keeps the values that pass a test (Twisted's {@code flow.Filter}). */
final class FilterStage<T> implements Stage<T> {
    private final Stage<T> source;
    private final Predicate<? super T> keep;
    private boolean done;

    FilterStage(Stage<T> source, Predicate<? super T> keep) {
        this.source = source;
        this.keep = keep;
    }

    @Override
    public Step<T> pull() {
        while (!done) {
            Step<T> step = Steps.pull(source);
            if (!(step instanceof Step.Value<T>(T value))) {
                done = !(step instanceof Step.Wait<T>);
                return step;
            }
            try {
                if (keep.test(value)) {
                    return step;
                }
            } catch (Throwable error) {
                close();
                return Steps.failed(error, "flow filter");
            }
        }
        return Steps.end();
    }

    @Override
    public void close() {
        done = true;
        source.close();
    }
}
