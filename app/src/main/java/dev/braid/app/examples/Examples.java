package dev.braid.app.examples;

import java.util.List;
import java.util.Optional;

/**
 * Every example, in the tutorial's order. The names are the tutorial's file
 * names; the two stack clients and client 5.0 carry their client's number.
 */
public final class Examples {
    private static final List<Example> ALL = List.of(
            new Example("defer-1", "twisted-deferred/defer-1.py",
                    "a callback/errback pair fired with a result", FirstDeferreds::defer1),
            new Example("defer-2", "twisted-deferred/defer-2.py",
                    "the same pair fired with a Failure", FirstDeferreds::defer2),
            new Example("defer-3", "twisted-deferred/defer-3.py",
                    "errback with a plain exception: the errback gets a Failure", FirstDeferreds::defer3),
            new Example("defer-4", "twisted-deferred/defer-4.py",
                    "callback twice: AlreadyCalledError", DoubleFiring::defer4),
            new Example("defer-5", "twisted-deferred/defer-5.py",
                    "callback, then errback: AlreadyCalledError", DoubleFiring::defer5),
            new Example("defer-6", "twisted-deferred/defer-6.py",
                    "errback twice: AlreadyCalledError", DoubleFiring::defer6),
            new Example("defer-7", "twisted-deferred/defer-7.py",
                    "errback, then callback: AlreadyCalledError", DoubleFiring::defer7),
            new Example("defer-8", "twisted-deferred/defer-8.py",
                    "a Deferred fired by the running reactor, which its chain stops", ReactorDeferreds::defer8),
            new Example("defer-9", "twisted-deferred/defer-9.py",
                    "the same, stopping the reactor from addBoth", ReactorDeferreds::defer9),
            new Example("defer-10", "twisted-deferred/defer-10.py",
                    "a callback returning a Deferred pauses the chain", ChainedDeferreds::run),
            new Example("defer-11", "twisted-deferred/defer-11.py",
                    "callbacks added to a fired, and to a paused, Deferred", FiredDeferreds::run),
            new Example("defer-unhandled", "twisted-deferred/defer-unhandled.py",
                    "a failure nobody handles, reported when the Deferred is collected", UnhandledDeferred::run),
            new Example("defer-block", "twisted-deferred/defer-block.py",
                    "a blocking callback blocks the reactor (--fast: no sleeping)", BlockingDeferred::run),
            new Example("failure-examples", "twisted-failure/failure-examples.py",
                    "Failures made by hand", FailureExamples::run),
            new Example("get-poetry-stack", "twisted-client-2/get-poetry-stack.py",
                    "client 2.0: the stack of dataReceived (PORT...)", PoetryStacks::clientTwo),
            new Example("get-poetry-stack-4", "twisted-client-4/get-poetry-stack.py",
                    "client 4.0: the stack of a Deferred's callback (PORT...)", PoetryStacks::clientFour),
            new Example("get-poetry-5", "twisted-client-5/get-poetry.py",
                    "client 5.0 with its randomly failing cummingsify (PORT...)", CummingsifyClient::run));

    private Examples() {
    }

    /**
     * Returns every example.
     *
     * @return the examples, in the tutorial's order
     */
    public static List<Example> all() {
        return ALL;
    }

    /**
     * Finds an example by name.
     *
     * @param name the name, such as {@code defer-1}
     * @return the example, or empty
     */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst();
    }
}
