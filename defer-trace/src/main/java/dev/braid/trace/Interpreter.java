package dev.braid.trace;

import dev.braid.deferred.Callback;
import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.Failure;
import dev.braid.deferred.internal.DeferredInternals;
import dev.braid.trace.Script.Action;
import dev.braid.trace.Script.ErrorSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes parsed statements on Braid's real Deferreds, with no event loop
 * (everything synchronous, as the reference runs without a reactor), and
 * prints the echo, event and final-state lines.
 */
final class Interpreter {
    private final PrintStream out;
    private final Renderer render = new Renderer();
    private final Map<String, Deferred<Object>> names = new HashMap<>();
    private final List<String> order = new ArrayList<>();

    Interpreter(PrintStream out) {
        this.out = out;
    }

    void execute(Script.Statement statement) {
        out.println("> " + statement.echo());
        try {
            run(statement);
        } catch (RuntimeException e) {
            out.println("  ERROR " + render.error(e));
        }
    }

    private void run(Script.Statement statement) {
        switch (statement) {
            case Script.NewDeferred s -> {
                Deferred<Object> d = s.canceller() == null
                        ? new Deferred<>()
                        : new Deferred<>(self -> cancel(s.name(), s.cancellerLabel(), s.canceller(), self));
                bind(s.name(), d);
            }
            case Script.Succeed s -> bind(s.name(), Deferreds.succeed(s.value().value()));
            case Script.Fail s -> bind(s.name(), Deferreds.fail(newError(s.error())));
            case Script.NewDeferredList s -> bind(s.name(), DeferredList.create(members(s.members()),
                    s.fireOnOneCallback(), s.fireOnOneErrback(), s.consumeErrors()));
            case Script.GatherResults s -> {
                @SuppressWarnings("unchecked")
                Deferred<Object> gathered = (Deferred<Object>) (Deferred<?>)
                        Deferreds.gatherResults(members(s.members()), s.consumeErrors());
                bind(s.name(), gathered);
            }
            case Script.MaybeDeferred s -> bind(s.name(), Deferreds.maybeDeferred(() -> {
                Object result = traced(s.name() + " maybeDeferred " + s.label() + "()", s.action(), null);
                return result;
            }));
            case Script.Add s -> add(s);
            case Script.Fire s -> {
                Deferred<Object> d = names.get(s.subject());
                if (s.error() == null) {
                    d.callback(s.value().value());
                } else {
                    d.errback(new Failure(newError(s.error())));
                }
            }
            case Script.ControlCall s -> {
                Deferred<Object> d = names.get(s.subject());
                switch (s.control()) {
                    case PAUSE -> d.pause();
                    case UNPAUSE -> d.unpause();
                    case CANCEL -> d.cancel();
                }
            }
            case Script.Show s -> out.println("  " + state(s.subject()));
        }
    }

    private void add(Script.Add s) {
        Deferred<Object> d = names.get(s.subject());
        Callback<Object, Object> first = fn(s.subject(), s.label(), s.action());
        switch (s.kind()) {
            case CALLBACK -> d.addCallback(first);
            case ERRBACK -> d.addErrback(first);
            case BOTH -> d.addBoth(first);
            case CALLBACKS -> d.addCallbacks(first, fn(s.subject(), s.secondLabel(), s.secondAction()));
        }
    }

    /** A chain function that prints {@code D SIDE F(ARG) -> OUTCOME} after it returns or raises. */
    private Callback<Object, Object> fn(String subject, String label, Action action) {
        return argument -> {
            String side = argument instanceof Failure ? "eb" : "cb";
            return traced(subject + " " + side + " " + label + "(" + render.value(argument) + ")", action, argument);
        };
    }

    private Object traced(String prefix, Action action, Object argument) {
        Object result;
        try {
            result = perform(action, argument);
        } catch (RuntimeException e) {
            out.println("  " + prefix + " -> raise " + render.error(e));
            throw e;
        }
        String outcome = result instanceof Deferred<?> d ? "deferred " + render.nameOf(d) : "return " + render.value(result);
        out.println("  " + prefix + " -> " + outcome);
        return result;
    }

    private Object perform(Action action, Object argument) {
        return switch (action) {
            case Script.Return r -> r.value().value();
            case Script.Pass p -> argument;
            case Script.Raise r -> throw newError(r.error());
            case Script.ReturnFailure r -> new Failure(newError(r.error()));
            case Script.Chain c -> names.get(c.name());
            case Script.Trap t -> {
                if (!(argument instanceof Failure failure)) {
                    throw new PythonErrors.TypeError("trap-on-non-failure");
                }
                @SuppressWarnings("unchecked")
                Class<? extends Throwable>[] types = t.types().stream()
                        .map(PythonErrors.TRAPPABLE::get).toArray(Class[]::new);
                failure.trap(types);
                yield t.then().value();
            }
        };
    }

    private void cancel(String name, String label, Script.CancelAction action, Deferred<Object> self) {
        switch (action) {
            case Script.CancelNoop n -> out.println("  " + name + " canceller " + label + " -> noop");
            case Script.CancelCallback c -> {
                out.println("  " + name + " canceller " + label + " -> callback " + render.value(c.value().value()));
                self.callback(c.value().value());
            }
            case Script.CancelErrback e -> {
                RuntimeException error = newError(e.error());
                out.println("  " + name + " canceller " + label + " -> errback " + render.error(error));
                self.errback(new Failure(error));
            }
        }
    }

    private List<Deferred<Object>> members(List<String> memberNames) {
        return memberNames.stream().map(names::get).toList();
    }

    private void bind(String name, Deferred<?> deferred) {
        @SuppressWarnings("unchecked")
        Deferred<Object> d = (Deferred<Object>) deferred;
        names.put(name, d);
        order.add(name);
        render.bind(d, name);
    }

    private static RuntimeException newError(ErrorSpec spec) {
        return PythonErrors.RAISABLE.get(spec.type()).apply(spec.message());
    }

    private String state(String name) {
        Deferred<Object> d = names.get(name);
        return name + " called=" + (d.called() ? "True" : "False") + " paused=" + DeferredInternals.pausedCount(d)
                + " callbacks=" + DeferredInternals.pendingCallbackCount(d)
                + " result=" + (d.called() ? render.value(DeferredInternals.currentResult(d)) : "-");
    }

    /** Prints the final section: every name's state, in binding order. */
    void finish() {
        out.println("# final");
        for (String name : order) {
            out.println("  " + state(name));
        }
    }
}
