package dev.braid.deferred;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A queue whose {@link #get()} is a Deferred (Twisted's {@code DeferredQueue}):
 * {@link #put} hands the item to the first waiting getter, or keeps it. Both
 * ends may be bounded: {@code size} items pending, {@code backlog} getters
 * waiting. Safe to share between loops.
 *
 * <pre>{@code
 * DeferredQueue<String> lines = new DeferredQueue<>(100, 10);
 * lines.get().addCallback(line -> { handle(line); return null; });
 * lines.put("first line");
 * }</pre>
 *
 * @param <T> the items' type
 */
public final class DeferredQueue<T> {
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();
    private final int size;
    private final int backlog;

    /** The queue is full (Twisted's {@code QueueOverflow}). */
    public static final class QueueOverflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueOverflow() {
            super("the queue is full");
        }
    }

    /** Too many getters are waiting (Twisted's {@code QueueUnderflow}). */
    public static final class QueueUnderflow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueUnderflow() {
            super("too many getters are waiting");
        }
    }

    /** Creates an unbounded queue. */
    public DeferredQueue() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * Creates a bounded queue.
     *
     * @param size the most items kept pending
     * @param backlog the most getters kept waiting
     */
    public DeferredQueue(int size, int backlog) {
        if (size < 0 || backlog < 0) {
            throw new IllegalArgumentException("size and backlog must be >= 0, got " + size + " and " + backlog);
        }
        this.size = size;
        this.backlog = backlog;
    }

    /**
     * Adds an item: gives it to the first waiting getter, or keeps it.
     *
     * @param item the item
     * @throws QueueOverflow if {@code size} items are already pending
     */
    public void put(T item) {
        while (true) {
            Deferred<T> getter;
            synchronized (this) {
                getter = waiting.pollFirst();
                if (getter == null) {
                    if (pending.size() >= size) {
                        throw new QueueOverflow();
                    }
                    pending.addLast(item);
                    return;
                }
            }
            if (getter.tryFire(item)) {
                return;
            }
            // That getter was cancelled on its own loop meanwhile: the item goes to the next one.
        }
    }

    /**
     * Takes the next item: at once if one is pending, otherwise when one is
     * put. Cancelling a waiting Deferred removes it.
     *
     * @return a Deferred of the item
     * @throws QueueUnderflow if {@code backlog} getters are already waiting
     */
    public Deferred<T> get() {
        Deferred<T> d = new Deferred<>(this::cancelGetter);
        T item;
        synchronized (this) {
            if (pending.isEmpty()) {
                if (waiting.size() >= backlog) {
                    throw new QueueUnderflow();
                }
                waiting.addLast(d);
                return d;
            }
            item = pending.pollFirst();
        }
        d.callback(item);
        return d;
    }

    private synchronized void cancelGetter(Deferred<T> d) {
        waiting.remove(d);
    }

    /**
     * Returns the pending items.
     *
     * @return a snapshot, oldest first
     */
    public synchronized List<T> pending() {
        return List.copyOf(pending);
    }

    /**
     * Returns how many getters wait.
     *
     * @return the count
     */
    public synchronized int waitingGetters() {
        return waiting.size();
    }
}
