package dev.braid.deferred.flow;

import java.util.List;

/** {@link Stage#trap}: listed failures become a last value. */
final class TrapStage<T> implements Stage<Item<T>> {
    private final Stage<T> source;
    private final Class<? extends Throwable>[] types;
    private boolean done;

    @SafeVarargs
    @SuppressWarnings("varargs")   // the array is only copied or read
    TrapStage(Stage<T> source, Class<? extends Throwable>... types) {
        this.source = source;
        this.types = types.clone();
        List.of(this.types); // rejects null types now rather than at the first failure
    }

    @Override
    public Step<Item<T>> pull() {
        if (done) {
            return Steps.end();
        }
        Step<T> step = Steps.pull(source);
        return switch (step) {
            case Step.Value<T>(T value) -> new Step.Value<>(new Item.Value<>(value));
            case Step.Wait<T> wait -> Steps.retype(wait);
            case Step.End<T> end -> {
                done = true;
                yield Steps.retype(end);
            }
            case Step.Failed<T> failed -> {
                done = true;
                yield failed.failure().check(types).isPresent()
                        ? new Step.Value<>(new Item.Trapped<>(failed.failure()))
                        : Steps.retype(failed);
            }
        };
    }

    @Override
    public void close() {
        done = true;
        source.close();
    }
}
