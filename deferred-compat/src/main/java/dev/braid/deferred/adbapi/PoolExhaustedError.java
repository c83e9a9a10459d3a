package dev.braid.deferred.adbapi;

/** No pooled connection became free within the pool's wait time. */
public final class PoolExhaustedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoolExhaustedError(String message) {
        super(message);
    }
}
