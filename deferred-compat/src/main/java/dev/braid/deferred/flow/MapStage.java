package dev.braid.deferred.flow;

import java.util.function.Function;

/** {@link Stage#map}: applies a function to each value. */
final class MapStage<T, R> implements Stage<R> {
    private final Stage<T> source;
    private final Function<? super T, ? extends R> fn;
    private boolean done;

    MapStage(Stage<T> source, Function<? super T, ? extends R> fn) {
        this.source = source;
        this.fn = fn;
    }

    @Override
    public Step<R> pull() {
        if (done) {
            return Steps.end();
        }
        Step<T> step = Steps.pull(source);
        if (step instanceof Step.Value<T>(T value)) {
            try {
                return new Step.Value<>(fn.apply(value));
            } catch (Throwable error) {
                close();
                return Steps.failed(error, "flow map");
            }
        }
        if (!(step instanceof Step.Wait<T>)) {
            done = true;
        }
        return Steps.retype(step);
    }

    @Override
    public void close() {
        done = true;
        source.close();
    }
}
