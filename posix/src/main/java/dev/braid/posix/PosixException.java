package dev.braid.posix;

import java.io.Serial;

/**
 * A libc call failed: carries the function's name, {@code errno} and the
 * system's text for it, as Python's {@code OSError} does.
 *
 * <pre>{@code
 * try {
 *     Posix.setuid(65534);
 * } catch (PosixException e) {
 *     if (e.errno() == Errno.EPERM) { ... }
 * }
 * }</pre>
 */
public final class PosixException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * Creates the exception.
     *
     * @param function the libc function that failed, such as {@code "setuid"}
     * @param errno the value of {@code errno} after the call
     * @param reason the system's message for {@code errno}
     */
    public PosixException(String function, int errno, String reason) {
        super("[Errno " + errno + "] " + reason + " (" + function + ")");
        this.errno = errno;
    }

    /**
     * Returns the {@code errno} the call left.
     *
     * @return the error number, such as {@link Errno#EPERM}
     */
    public int errno() {
        return errno;
    }
}
