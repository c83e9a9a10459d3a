package dev.braid.deferred;

/**
 * A semaphore whose acquisition is a Deferred (Twisted's
 * {@code DeferredSemaphore}): at most {@code tokens} holders at once, the
 * others wait first come first served. Safe to share between loops.
 * {@link #release()} of a token nobody holds throws
 * {@link IllegalStateException} ("Someone released me too many times: too
 * many tokens!").
 *
 * <pre>{@code
 * DeferredSemaphore three = new DeferredSemaphore(3);
 * urls.forEach(url -> three.runDeferred(() -> fetch(url)));   // three downloads at a time
 * }</pre>
 */
public final class DeferredSemaphore extends ConcurrencyPrimitive<DeferredSemaphore> {
    private final int limit;
    private int tokens;

    /**
     * Creates a semaphore.
     *
     * @param tokens how many may hold it at once
     * @throws IllegalArgumentException "DeferredSemaphore requires tokens >= 1"
     */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("DeferredSemaphore requires tokens >= 1");
        }
        this.limit = tokens;
        this.tokens = tokens;
    }

    /**
     * Returns the tokens left.
     *
     * @return how many more may acquire without waiting
     */
    public synchronized int tokens() {
        return tokens;
    }

    /**
     * Returns the number of tokens it was created with.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    @Override
    boolean tryTake() {
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }

    @Override
    void giveBack() {
        tokens++;
    }

    @Override
    void checkHeld() {
        if (tokens >= limit) {
            throw new IllegalStateException("Someone released me too many times: too many tokens!");
        }
    }

    @Override
    DeferredSemaphore self() {
        return this;
    }
}
