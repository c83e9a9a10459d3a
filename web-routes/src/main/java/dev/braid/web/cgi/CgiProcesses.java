package dev.braid.web.cgi;

import java.util.concurrent.Semaphore;

/**
 * Caps how many CGI scripts run at once: a request that finds every slot
 * taken gets 503 at once instead of one more process. A slot is held from
 * the script's start until its process has exited (killed ones included).
 * CGI resources share {@link #shared()} unless given their own; its size is
 * the system property {@code braid.cgi.maxProcesses} (32 by default).
 * Thread-safe.
 *
 * <pre>{@code
 * CgiProcesses four = new CgiProcesses(4);
 * root.putChild("cgi-bin", new CgiDirectory(Path.of("cgi-bin"), CgiOptions.defaults().withProcesses(four)));
 * }</pre>
 */
public final class CgiProcesses {
    /** The default cap of {@link #shared()}. */
    public static final int DEFAULT_MAX = 32;

    private final int max;
    private final Semaphore slots;

    /**
     * Creates a cap.
     *
     * @param max how many scripts may run at once, at least 1
     */
    public CgiProcesses(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the CGI process cap must be >= 1, not " + max);
        }
        this.max = max;
        this.slots = new Semaphore(max);
    }

    /**
     * Returns the cap every CGI resource uses unless given another.
     *
     * @return the shared cap
     */
    public static CgiProcesses shared() {
        return Shared.INSTANCE;
    }

    /**
     * Takes a slot if one is free.
     *
     * @return true if the caller may start a script (and must {@link #release()} once it exited)
     */
    boolean tryAcquire() {
        return slots.tryAcquire();
    }

    /** Gives a slot back. */
    void release() {
        slots.release();
    }

    /**
     * Returns the cap.
     *
     * @return how many scripts may run at once
     */
    public int max() {
        return max;
    }

    /**
     * Returns how many scripts run now.
     *
     * @return the count
     */
    public int running() {
        return max - slots.availablePermits();
    }

    /** Made on first use, from the system property. */
    private static final class Shared {
        static final CgiProcesses INSTANCE = new CgiProcesses(Integer.getInteger("braid.cgi.maxProcesses", DEFAULT_MAX));
    }
}
