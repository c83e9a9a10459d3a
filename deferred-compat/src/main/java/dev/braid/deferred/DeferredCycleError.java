package dev.braid.deferred;

import java.io.Serial;

/**
 * Raised by {@link Deferred#cancel()} on a Deferred that waits on itself,
 * directly (a callback returned the Deferred it was attached to) or through
 * others (two Deferreds whose callbacks returned each other). Cancelling would
 * go round the cycle forever; Twisted recurses until Python raises
 * {@code RecursionError}, and leaves every Deferred as it was. So does Braid,
 * without running out of stack: nothing is cancelled, and the caller gets
 * this exception — inside a callback, it becomes that chain's
 * {@link Failure}, which an errback can handle.
 *
 * <pre>{@code
 * Deferred<Object> d = new Deferred<>();
 * d.addCallback(ignored -> d);  // d now waits on itself, forever
 * d.callback(1);
 * d.cancel();                   // throws DeferredCycleError
 * }</pre>
 */
public class DeferredCycleError extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public DeferredCycleError() {
        super("these Deferreds wait on each other in a cycle; cancelling one would never end");
    }
}
