package dev.braid.deferred.flow;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.Failure;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link Flow#generate}: a generator body run as a coroutine. The body lives
 * on its own virtual thread but only runs while the stage is being pulled:
 * each {@link #pull()} hands control to the body and waits until it yields,
 * cooperates, asks for a value of another stage, or ends. Inner stages are
 * pulled here, on the puller's thread, never on the body's — so every stage
 * of a flow is pulled by its loop, as in Twisted.
 */
final class GeneratorStage<T> implements Stage<T> {
    private static final Object CONTINUE = new Object();
    private static final Object CLOSE = new Object();

    private record Emit(Object value) {
    }

    private record Coop(double delay) {
    }

    private record Pull(Stage<?> stage) {
    }

    private record Finished(Failure failure) {
    }

    private record Reply(Step<?> step) {
    }

    /** Unwinds a body whose stage was closed (Python's GeneratorExit); not meant to be caught. */
    private static final class GeneratorExit extends Error {
        private static final long serialVersionUID = 1L;

        GeneratorExit() {
            super("the generator's stage was closed", null, false, false);
        }
    }

    private final Generator<T> generator;
    private final Handoff handoff = new Handoff();
    private final List<Stage<?>> consumed = new CopyOnWriteArrayList<>();
    private Stage<?> awaiting;
    private boolean started;
    private boolean finished;
    private volatile Thread bodyThread;

    GeneratorStage(Generator<T> generator) {
        this.generator = generator;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Step<T> pull() {
        if (finished) {
            return Steps.end();
        }
        Object reply;
        if (awaiting != null) {
            Step<?> step = Steps.pull(awaiting);
            if (step instanceof Step.Wait<?>) {
                return Steps.retype(step);
            }
            awaiting = null;
            reply = new Reply(step);
        } else if (!started) {
            started = true;
            Worker.start("braid-flow-generator", this::runBody);
            reply = null;
        } else {
            reply = CONTINUE;
        }
        while (true) {
            Object message;
            try {
                message = handoff.send(Handoff.Side.BODY, reply);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return Steps.failed(e, "flow generator");
            }
            switch (message) {
                case Emit(Object value) -> {
                    return new Step.Value<>((T) value);
                }
                case Coop(double delay) -> {
                    return new Step.Wait<>(new Cooperate(delay));
                }
                case Pull(Stage<?> stage) -> {
                    Step<?> step = Steps.pull(stage);
                    if (step instanceof Step.Wait<?>) {
                        awaiting = stage;
                        return Steps.retype(step);
                    }
                    reply = new Reply(step);
                }
                case Finished(Failure failure) -> {
                    finished = true;
                    closeConsumed();
                    return failure == null ? Steps.end() : new Step.Failed<>(failure);
                }
                default -> throw new IllegalStateException("unexpected message " + message);
            }
        }
    }

    @Override
    public void close() {
        if (!finished) {
            finished = true;
            if (started) {
                handoff.post(Handoff.Side.BODY, CLOSE);
            }
        }
        closeConsumed();
    }

    private void closeConsumed() {
        awaiting = null;
        for (Stage<?> stage : consumed) {
            stage.close();
        }
        consumed.clear();
    }

    private void runBody() {
        bodyThread = Thread.currentThread();
        Failure failure = null;
        try {
            generator.run(new Body());
        } catch (GeneratorExit closed) {
            // closed by its stage: nobody is listening any more
        } catch (Throwable error) {
            failure = new Failure(error, "flow generator");
        }
        handoff.post(Handoff.Side.PULLER, new Finished(failure));
    }

    /** The body's side of the coroutine. */
    private final class Body implements Emitter<T> {
        private boolean exiting;

        @Override
        public void yield(T value) {
            exchange(new Emit(value));
        }

        @Override
        public void cooperate() {
            cooperate(0);
        }

        @Override
        public void cooperate(double delay) {
            new Cooperate(delay); // validates
            exchange(new Coop(delay));
        }

        @Override
        public <V> V await(Deferred<V> deferred) {
            return valueOf(pullFrom(new DeferredStage<>(deferred)), null);
        }

        @Override
        public <V> Iterable<V> each(Stage<V> stage) {
            return () -> new Iterator<>() {
                private Step<V> next;

                @Override
                public boolean hasNext() {
                    if (next == null) {
                        next = pullFrom(stage);
                    }
                    if (next instanceof Step.Failed<V>(Failure failure)) {
                        next = Steps.end(); // raised once, then the stage is over
                        return failure.raiseException();
                    }
                    return next instanceof Step.Value<V>;
                }

                @Override
                public V next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException(stage + " has no more values");
                    }
                    V value = valueOf(next, stage);
                    next = null;
                    return value;
                }
            };
        }

        @SuppressWarnings("unchecked")
        private <V> Step<V> pullFrom(Stage<V> stage) {
            if (!consumed.contains(stage)) {
                consumed.add(stage);
            }
            return (Step<V>) ((Reply) exchange(new Pull(stage))).step();
        }

        private <V> V valueOf(Step<V> step, Stage<V> stage) {
            return switch (step) {
                case Step.Value<V>(V value) -> value;
                case Step.Failed<V>(Failure failure) -> failure.raiseException();
                default -> throw new NoSuchElementException(stage + " has no more values");
            };
        }

        private Object exchange(Object message) {
            if (Thread.currentThread() != bodyThread) {
                throw new IllegalStateException("an Emitter may only be used by its generator's own thread");
            }
            if (exiting) {
                throw new GeneratorExit();
            }
            Object reply;
            try {
                reply = handoff.send(Handoff.Side.PULLER, message);
            } catch (InterruptedException e) {
                exiting = true; // the loop is ending
                throw new GeneratorExit();
            }
            if (reply == CLOSE) {
                exiting = true;
                throw new GeneratorExit();
            }
            return reply;
        }
    }
}
