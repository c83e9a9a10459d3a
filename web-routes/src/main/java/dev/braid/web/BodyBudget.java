package dev.braid.web;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies a Site holds in memory at once, over all
 * its requests: a body is buffered only while it fits, so many slow uploads
 * cannot fill the heap even when each one stays under the per-request cap.
 * Thread-safe.
 */
final class BodyBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /**
     * Takes {@code bytes} from the budget if they fit.
     *
     * @param bytes how many
     * @return true if taken (give them back with {@link #release})
     */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /**
     * Returns the bytes buffered now.
     *
     * @return the count
     */
    long used() {
        return used.get();
    }

    long capacity() {
        return capacity;
    }
}
