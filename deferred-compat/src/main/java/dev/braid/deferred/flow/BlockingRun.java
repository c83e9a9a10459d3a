package dev.braid.deferred.flow;

import dev.braid.deferred.CancelledError;
import dev.braid.deferred.EventLoop;
import dev.braid.deferred.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link Flow#block}: pulls on the calling thread and sleeps through waits (Twisted's {@code flow.Block}). */
final class BlockingRun {
    private BlockingRun() {
    }

    static <T> List<T> run(Stage<T> stage) {
        if (EventLoop.current().map(EventLoop::inLoopThread).orElse(false)) {
            stage.close();
            throw new IllegalStateException("Flow.block on a loop's thread would stop the loop; use Flow.deferred");
        }
        List<T> values = new ArrayList<>();
        try {
            while (true) {
                switch (Steps.pull(stage)) {
                    case Step.Value<T>(T value) -> values.add(value);
                    case Step.End<T> end -> {
                        return values;
                    }
                    case Step.Failed<T>(Failure failure) -> {
                        return failure.raiseException();
                    }
                    case Step.Wait<T>(Instruction instruction) -> sleepThrough(instruction);
                }
            }
        } finally {
            stage.close();
        }
    }

    private static void sleepThrough(Instruction instruction) {
        CountDownLatch ready = new CountDownLatch(1);
        double delay = arm(instruction, ready);
        try {
            if (Double.isInfinite(delay)) {
                ready.await();
            } else if (delay > 0) {
                ready.await(Math.round(delay * 1e9), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancelledError cancelled = new CancelledError("interrupted while blocking on a flow");
            cancelled.initCause(e);
            throw cancelled;
        }
    }

    /** Registers the signals; returns the shortest Cooperate delay (infinity when none). */
    private static double arm(Instruction instruction, CountDownLatch ready) {
        return switch (instruction) {
            case Cooperate(double delay) -> delay;
            case Signal signal -> {
                signal.whenFired(ready::countDown);
                yield Double.POSITIVE_INFINITY;
            }
            case Instruction.AnyOf(List<Instruction> parts) -> parts.stream()
                    .mapToDouble(part -> arm(part, ready)).min().orElse(Double.POSITIVE_INFINITY);
        };
    }
}
