package dev.braid.trace;

import java.util.List;

/** The parsed forms of a deferred script's statements (one record per kind of statement). */
final class Script {
    private Script() {
    }

    /** A literal: null, Boolean, Long or String. */
    record Literal(Object value) {
    }

    /** A new exception {@code EXC(MSG)}. */
    record ErrorSpec(String type, String message) {
    }

    /** What a callback, errback or maybeDeferred function does with its argument. */
    sealed interface Action {
    }

    record Return(Literal value) implements Action {
    }

    record Pass() implements Action {
    }

    record Raise(ErrorSpec error) implements Action {
    }

    record ReturnFailure(ErrorSpec error) implements Action {
    }

    record Chain(String name) implements Action {
    }

    record Trap(List<String> types, Literal then) implements Action {
    }

    /** What a canceller does. */
    sealed interface CancelAction {
    }

    record CancelNoop() implements CancelAction {
    }

    record CancelCallback(Literal value) implements CancelAction {
    }

    record CancelErrback(ErrorSpec error) implements CancelAction {
    }

    /** One statement; {@code echo} is its tokens joined by single spaces. */
    sealed interface Statement {
        String echo();
    }

    record NewDeferred(String echo, String name, String cancellerLabel, CancelAction canceller)
            implements Statement {
    }

    record Succeed(String echo, String name, Literal value) implements Statement {
    }

    record Fail(String echo, String name, ErrorSpec error) implements Statement {
    }

    record NewDeferredList(String echo, String name, List<String> members, boolean fireOnOneCallback,
                           boolean fireOnOneErrback, boolean consumeErrors) implements Statement {
    }

    record GatherResults(String echo, String name, List<String> members, boolean consumeErrors)
            implements Statement {
    }

    record MaybeDeferred(String echo, String name, String label, Action action) implements Statement {
    }

    /** Which add method; {@code BOTH} uses {@code first} for both halves. */
    enum AddKind { CALLBACK, ERRBACK, BOTH, CALLBACKS }

    record Add(String echo, String subject, AddKind kind, String label, Action action,
               String secondLabel, Action secondAction) implements Statement {
    }

    record Fire(String echo, String subject, Literal value, ErrorSpec error) implements Statement {
    }

    enum Control { PAUSE, UNPAUSE, CANCEL }

    record ControlCall(String echo, String subject, Control control) implements Statement {
    }

    record Show(String echo, String subject) implements Statement {
    }
}
