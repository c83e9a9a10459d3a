package dev.braid.deferred;

import java.util.concurrent.Callable;

/**
 * The body of a {@link Deferreds#inline} call, running on its own virtual
 * thread: remembers what it is awaiting, so that cancelling the inline
 * Deferred cancels that (as Twisted cancels the Deferred an inlineCallbacks
 * generator is waiting on), or interrupts the body when it awaits nothing.
 */
final class InlineBody<T> implements Callable<T> {
    private static final ScopedValue<InlineBody<?>> CURRENT = ScopedValue.newInstance();

    private final Callable<? extends T> body;
    private volatile Deferred<?> awaiting;
    private volatile Thread thread;
    private volatile boolean cancelled;

    InlineBody(Callable<? extends T> body) {
        this.body = body;
    }

    static InlineBody<?> current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    @Override
    public T call() throws Exception {
        thread = Thread.currentThread();   // before reading cancelled: cancel() sees the thread or we see the flag
        try {
            if (cancelled) {
                throw new CancelledError();
            }
            return ScopedValue.where(CURRENT, this).call(body::call);
        } finally {
            thread = null;
        }
    }

    void awaiting(Deferred<?> deferred) {
        awaiting = deferred;
    }

    boolean cancelled() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
        Deferred<?> waitedOn = awaiting;
        if (waitedOn != null) {
            waitedOn.cancel();
        } else {
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
        }
    }
}
