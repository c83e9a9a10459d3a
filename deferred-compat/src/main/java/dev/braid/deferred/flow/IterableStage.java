package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;
import java.util.Iterator;

/**
 * {@link Flow#iterate}: pulls an iterator on the driver's thread, one element
 * per pull. A {@link Cooperate} element makes the stage wait; a
 * {@link Deferred} element is waited for and its result becomes the value.
 */
final class IterableStage<T> implements Stage<T> {
    private final Iterator<?> iterator;
    private DeferredStage<T> awaiting;
    private boolean done;

    IterableStage(Iterator<?> iterator) {
        this.iterator = iterator;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Step<T> pull() {
        if (done) {
            return Steps.end();
        }
        if (awaiting != null) {
            Step<T> step = awaiting.pull();
            if (step instanceof Step.Wait<T>) {
                return step;
            }
            awaiting = null;
            if (step instanceof Step.Failed<T>) {
                close();
            }
            return step;
        }
        Object element;
        try {
            if (!iterator.hasNext()) {
                close();
                return Steps.end();
            }
            element = iterator.next();
        } catch (Throwable error) {
            close();
            return Steps.failed(error, "flow iterator");
        }
        return switch (element) {
            case Cooperate cooperate -> new Step.Wait<>(cooperate);
            case Deferred<?> deferred -> {
                awaiting = new DeferredStage<>((Deferred<T>) deferred);
                yield pull();
            }
            case null, default -> new Step.Value<>((T) element);
        };
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            if (awaiting != null) {
                awaiting.close();
            }
            if (iterator instanceof AutoCloseable closeable) {
                Steps.closeQuietly(closeable);
            }
        }
    }
}
