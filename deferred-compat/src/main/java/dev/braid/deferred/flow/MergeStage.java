package dev.braid.deferred.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Flow#merge}: values from several stages as they become available
 * (Twisted's {@code flow.Merge} over {@code flow.Concurrent}).
 *
 * <p>It works in rounds, as Twisted's does: a round pulls each live source
 * once, in order; the values it got are handed out in that order before the
 * next round starts. A source that waits is skipped for the round. When a
 * round gets no value at all, the merge waits until the first waiting source
 * is ready. A failing source fails the merge (after the values of that round)
 * and closes the others.
 */
final class MergeStage<T> implements Stage<T> {
    private final List<Stage<? extends T>> live;
    private final ArrayDeque<Step<T>> ready = new ArrayDeque<>();
    private boolean done;

    MergeStage(List<? extends Stage<? extends T>> sources) {
        this.live = new ArrayList<>(sources);
    }

    @Override
    public Step<T> pull() {
        if (ready.isEmpty() && !done) {
            Step<T> outcome = round();
            if (outcome != null) {
                return outcome;
            }
        }
        Step<T> next = ready.pollFirst();
        return next != null ? next : Steps.end();
    }

    /** Runs one round; returns a wait or the end when the round produced nothing to hand out. */
    @SuppressWarnings("unchecked")
    private Step<T> round() {
        List<Instruction> waits = new ArrayList<>();
        for (Stage<? extends T> source : List.copyOf(live)) {
            Step<? extends T> step = Steps.pull(source);
            switch (step) {
                case Step.Value<? extends T> value -> ready.addLast((Step<T>) value);
                case Step.Wait<? extends T>(Instruction instruction) -> flatten(instruction, waits);
                case Step.End<? extends T> end -> live.remove(source);
                case Step.Failed<? extends T> failed -> {
                    live.remove(source);
                    close();
                    ready.addLast((Step<T>) failed);
                    return null;
                }
            }
        }
        if (!ready.isEmpty()) {
            return null;
        }
        if (live.isEmpty()) {
            done = true;
            return Steps.end();
        }
        return new Step.Wait<>(waits.size() == 1 ? waits.getFirst() : new Instruction.AnyOf(waits));
    }

    private static void flatten(Instruction instruction, List<Instruction> into) {
        if (instruction instanceof Instruction.AnyOf(List<Instruction> parts)) {
            into.addAll(parts);
        } else {
            into.add(instruction);
        }
    }

    @Override
    public void close() {
        done = true;
        for (Stage<? extends T> source : live) {
            source.close();
        }
        live.clear();
    }
}
