package dev.braid.trace;

import dev.braid.trace.Script.Action;
import dev.braid.trace.Script.AddKind;
import dev.braid.trace.Script.CancelAction;
import dev.braid.trace.Script.ErrorSpec;
import dev.braid.trace.Script.Literal;
import dev.braid.trace.Script.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one statement at a time, enforcing the grammar's static rules: a
 * binding introduces a new name, every other name is already bound, and the
 * arity is exact. Names become bound as statements parse.
 */
final class ScriptParser {
    private static final Set<String> RESERVED = Set.of(
            "show", "fireOnOneCallback", "fireOnOneErrback", "consumeErrors", "None", "True", "False");
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern MESSAGE = Pattern.compile("[A-Za-z0-9_.:-]+");

    /** A statement that breaks the grammar. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String why) {
            super(why, null, false, false);
        }
    }

    private final Set<String> bound = new HashSet<>();

    /** Parses the tokens of one non-blank, non-comment line. */
    Statement parse(List<String> tokens) throws SyntaxError {
        Tokens in = new Tokens(tokens);
        String echo = String.join(" ", tokens);
        String first = in.next();
        Statement statement;
        if (first.equals("show")) {
            statement = new Script.Show(echo, boundName(in.next()));
        } else if (in.peekIs("=")) {
            in.next();
            String name = newName(first);
            statement = constructor(echo, name, in);
            bound.add(name);
        } else {
            statement = method(echo, boundName(first), in);
        }
        in.expectEnd();
        return statement;
    }

    private Statement constructor(String echo, String name, Tokens in) throws SyntaxError {
        String kind = in.next();
        return switch (kind) {
            case "Deferred" -> {
                if (in.atEnd()) {
                    yield new Script.NewDeferred(echo, name, null, null);
                }
                in.expect("canceller");
                String label = label(in.next());
                yield new Script.NewDeferred(echo, name, label, cancelAction(in));
            }
            case "succeed" -> new Script.Succeed(echo, name, literal(in.next()));
            case "fail" -> new Script.Fail(echo, name, error(in));
            case "DeferredList" -> {
                List<String> members = members(in);
                boolean one = false;
                boolean err = false;
                boolean consume = false;
                while (!in.atEnd()) {
                    switch (in.next()) {
                        case "fireOnOneCallback" -> one = once(one);
                        case "fireOnOneErrback" -> err = once(err);
                        case "consumeErrors" -> consume = once(consume);
                        default -> throw new SyntaxError("DeferredList options come after the names");
                    }
                }
                yield new Script.NewDeferredList(echo, name, members, one, err, consume);
            }
            case "gatherResults" -> {
                List<String> members = members(in);
                boolean consume = false;
                if (!in.atEnd()) {
                    in.expect("consumeErrors");
                    consume = true;
                }
                yield new Script.GatherResults(echo, name, members, consume);
            }
            case "maybeDeferred" -> {
                String label = label(in.next());
                Action action = action(in);
                if (action instanceof Script.Pass || action instanceof Script.Trap) {
                    throw new SyntaxError("maybeDeferred's function takes no argument");
                }
                yield new Script.MaybeDeferred(echo, name, label, action);
            }
            default -> throw new SyntaxError("unknown constructor " + kind);
        };
    }

    private Statement method(String echo, String subject, Tokens in) throws SyntaxError {
        String method = in.next();
        return switch (method) {
            case "addCallback" -> add(echo, subject, AddKind.CALLBACK, in);
            case "addErrback" -> add(echo, subject, AddKind.ERRBACK, in);
            case "addBoth" -> add(echo, subject, AddKind.BOTH, in);
            case "addCallbacks" -> {
                String label = label(in.next());
                Action action = action(in);
                in.expect("|");
                String secondLabel = label(in.next());
                yield new Script.Add(echo, subject, AddKind.CALLBACKS, label, action, secondLabel, action(in));
            }
            case "callback" -> new Script.Fire(echo, subject, literal(in.next()), null);
            case "errback" -> new Script.Fire(echo, subject, null, error(in));
            case "pause" -> new Script.ControlCall(echo, subject, Script.Control.PAUSE);
            case "unpause" -> new Script.ControlCall(echo, subject, Script.Control.UNPAUSE);
            case "cancel" -> new Script.ControlCall(echo, subject, Script.Control.CANCEL);
            default -> throw new SyntaxError("unknown method " + method);
        };
    }

    private Statement add(String echo, String subject, AddKind kind, Tokens in) throws SyntaxError {
        String label = label(in.next());
        return new Script.Add(echo, subject, kind, label, action(in), null, null);
    }

    private Action action(Tokens in) throws SyntaxError {
        String verb = in.next();
        return switch (verb) {
            case "return" -> new Script.Return(literal(in.next()));
            case "pass" -> new Script.Pass();
            case "raise" -> new Script.Raise(error(in));
            case "failure" -> new Script.ReturnFailure(error(in));
            case "chain" -> new Script.Chain(boundName(in.next()));
            case "trap" -> {
                List<String> types = new ArrayList<>();
                while (!in.peekIs("then")) {
                    String type = in.next();
                    if (!PythonErrors.TRAPPABLE.containsKey(type)) {
                        throw new SyntaxError("not a trap type: " + type);
                    }
                    types.add(type);
                }
                if (types.isEmpty()) {
                    throw new SyntaxError("trap needs at least one type");
                }
                in.expect("then");
                yield new Script.Trap(List.copyOf(types), literal(in.next()));
            }
            default -> throw new SyntaxError("unknown action " + verb);
        };
    }

    private CancelAction cancelAction(Tokens in) throws SyntaxError {
        String verb = in.next();
        return switch (verb) {
            case "noop" -> new Script.CancelNoop();
            case "callback" -> new Script.CancelCallback(literal(in.next()));
            case "errback" -> new Script.CancelErrback(error(in));
            default -> throw new SyntaxError("unknown canceller action " + verb);
        };
    }

    private List<String> members(Tokens in) throws SyntaxError {
        List<String> members = new ArrayList<>();
        while (!in.atEnd() && !RESERVED.contains(in.peek())) {
            members.add(boundName(in.next()));
        }
        return List.copyOf(members);
    }

    private static boolean once(boolean seen) throws SyntaxError {
        if (seen) {
            throw new SyntaxError("option given twice");
        }
        return true;
    }

    private static ErrorSpec error(Tokens in) throws SyntaxError {
        String type = in.next();
        if (!PythonErrors.RAISABLE.containsKey(type)) {
            throw new SyntaxError("not an exception type: " + type);
        }
        String message = in.next();
        if (!MESSAGE.matcher(message).matches()) {
            throw new SyntaxError("bad message " + message);
        }
        return new ErrorSpec(type, message);
    }

    private static Literal literal(String token) throws SyntaxError {
        return switch (token) {
            case "None" -> new Literal(null);
            case "True" -> new Literal(Boolean.TRUE);
            case "False" -> new Literal(Boolean.FALSE);
            default -> {
                if (INTEGER.matcher(token).matches()) {
                    try {
                        yield new Literal(Long.parseLong(token));
                    } catch (NumberFormatException e) {
                        throw new SyntaxError("integer out of range: " + token);
                    }
                }
                if (WORD.matcher(token).matches()) {
                    yield new Literal(token);
                }
                throw new SyntaxError("not a value: " + token);
            }
        };
    }

    private static String label(String token) throws SyntaxError {
        if (!LABEL.matcher(token).matches()) {
            throw new SyntaxError("not a function label: " + token);
        }
        return token;
    }

    private String newName(String token) throws SyntaxError {
        if (!isName(token)) {
            throw new SyntaxError("not a name: " + token);
        }
        if (bound.contains(token)) {
            throw new SyntaxError("name already bound: " + token);
        }
        return token;
    }

    private String boundName(String token) throws SyntaxError {
        if (!isName(token) || !bound.contains(token)) {
            throw new SyntaxError("unbound name: " + token);
        }
        return token;
    }

    private static boolean isName(String token) {
        return NAME.matcher(token).matches() && !RESERVED.contains(token);
    }

    /** A cursor over a statement's tokens. */
    private static final class Tokens {
        private final List<String> tokens;
        private int position;

        Tokens(List<String> tokens) {
            this.tokens = tokens;
        }

        String next() throws SyntaxError {
            if (position >= tokens.size()) {
                throw new SyntaxError("statement ends too early");
            }
            return tokens.get(position++);
        }

        String peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        boolean peekIs(String token) {
            return token.equals(peek());
        }

        boolean atEnd() {
            return position >= tokens.size();
        }

        void expect(String token) throws SyntaxError {
            if (!token.equals(next())) {
                throw new SyntaxError("expected " + token);
            }
        }

        void expectEnd() throws SyntaxError {
            if (!atEnd()) {
                throw new SyntaxError("unexpected " + peek());
            }
        }
    }
}
