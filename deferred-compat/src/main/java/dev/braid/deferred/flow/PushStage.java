package dev.braid.deferred.flow;

import dev.braid.deferred.Failure;
import java.util.Objects;

/**
 * A stage fed by pushes: a producer calls {@link #push}, then {@link #finish}
 * or {@link #fail}, from any thread; the flow pulls what was pushed (Twisted
 * flow's {@code Callback}, which turns a push interface such as
 * {@code dataReceived} into a pull one).
 *
 * <p>Values are buffered without limit until pulled: the producer decides
 * how much to push (a transport can pause reading when it sees
 * {@link #buffered()} grow). After {@link #close()}, pushes are dropped.
 *
 * <pre>{@code
 * PushStage<String> lines = Flow.push();
 * loop.callLater(0, () -> lines.push("one"));
 * loop.callLater(0.5, () -> lines.push("two"));
 * loop.callLater(1, lines::finish);
 * Flow.deferred(lines);   // fires with [one, two] after a second
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class PushStage<T> implements Stage<T> {
    private final Mailbox<T> mailbox = new Mailbox<>(Integer.MAX_VALUE);

    PushStage() {
    }

    /**
     * Adds a value.
     *
     * @param value the value; may be null
     * @throws IllegalStateException after {@link #finish} or {@link #fail}
     */
    public void push(T value) {
        checkOpen();
        mailbox.offer(value);
    }

    /**
     * Ends the stream after the values already pushed.
     *
     * @throws IllegalStateException after {@link #finish} or {@link #fail}
     */
    public void finish() {
        checkOpen();
        mailbox.end(null);
    }

    /**
     * Fails the stream after the values already pushed.
     *
     * @param error what went wrong
     * @throws IllegalStateException after {@link #finish} or {@link #fail}
     */
    public void fail(Throwable error) {
        Objects.requireNonNull(error, "error");
        checkOpen();
        mailbox.end(new Failure(error, "PushStage.fail"));
    }

    /**
     * Returns how many pushed values wait to be pulled.
     *
     * @return the count
     */
    public int buffered() {
        return mailbox.size();
    }

    @Override
    public Step<T> pull() {
        return mailbox.pull();
    }

    @Override
    public void close() {
        mailbox.close();
    }

    private void checkOpen() {
        if (mailbox.ended()) {
            throw new IllegalStateException("this PushStage has already finished or failed");
        }
    }
}
