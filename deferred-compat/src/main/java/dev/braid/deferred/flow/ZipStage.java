package dev.braid.deferred.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * {@link Flow#zip}: one list per round, holding the next value of every
 * source in order (Twisted's {@code flow.Zip}). It waits for each source in
 * turn, keeping the values it already has. It ends with the shortest source
 * and closes the others — unlike Twisted's, which pads the shorter sources
 * with {@code None} as Python 2's {@code map(None, ...)} did.
 */
final class ZipStage implements Stage<List<Object>> {
    private final List<Stage<?>> sources;
    private final List<Object> current = new ArrayList<>();
    private boolean done;

    ZipStage(List<? extends Stage<?>> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("zip needs at least one stage");
        }
        this.sources = List.copyOf(sources);
    }

    @Override
    public Step<List<Object>> pull() {
        while (!done) {
            if (current.size() == sources.size()) {
                List<Object> tuple = Collections.unmodifiableList(Arrays.asList(current.toArray()));
                current.clear();
                return new Step.Value<>(tuple);
            }
            Step<?> step = Steps.pull(sources.get(current.size()));
            switch (step) {
                case Step.Value<?>(Object value) -> current.add(value);
                case Step.Wait<?> wait -> {
                    return Steps.retype(wait);
                }
                case Step.End<?> end -> {
                    close();
                    return Steps.end();
                }
                case Step.Failed<?> failed -> {
                    close();
                    return Steps.retype(failed);
                }
            }
        }
        return Steps.end();
    }

    @Override
    public void close() {
        done = true;
        sources.forEach(Stage::close);
    }
}
