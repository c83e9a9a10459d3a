package dev.braid.deferred.internal.access;

/**
 * Where the event loop's package leaves its {@link LoopAccess} and
 * {@link DeferredAccess} as its classes initialise (the JDK's
 * {@code SharedSecrets} pattern): this package knows no Braid type, so the
 * loop's package can depend on it without a package cycle. Each is installed
 * once; a second install is refused, so no other code can replace them.
 * Internal: may change at any time.
 */
public final class Accessors {
    private static LoopAccess<?, ?, ?> loopAccess;          // guarded by Accessors.class
    private static DeferredAccess<?> deferredAccess;       // guarded by Accessors.class

    private Accessors() {
    }

    /**
     * Installs the loop's accessor.
     *
     * @param access the accessor
     * @throws IllegalStateException if one is already installed
     */
    public static synchronized void installLoopAccess(LoopAccess<?, ?, ?> access) {
        loopAccess = installOnce(loopAccess, access, "LoopAccess");
    }

    /**
     * Installs the Deferred's accessor.
     *
     * @param access the accessor
     * @throws IllegalStateException if one is already installed
     */
    public static synchronized void installDeferredAccess(DeferredAccess<?> access) {
        deferredAccess = installOnce(deferredAccess, access, "DeferredAccess");
    }

    /**
     * Returns the loop's accessor; initialise the loop's class first.
     *
     * @return the accessor
     * @throws IllegalStateException if none is installed
     */
    public static synchronized LoopAccess<?, ?, ?> loopAccess() {
        return installed(loopAccess, "LoopAccess");
    }

    /**
     * Returns the Deferred's accessor; initialise the Deferred's class first.
     *
     * @return the accessor
     * @throws IllegalStateException if none is installed
     */
    public static synchronized DeferredAccess<?> deferredAccess() {
        return installed(deferredAccess, "DeferredAccess");
    }

    private static <A> A installOnce(A current, A access, String what) {
        if (access == null) {
            throw new NullPointerException(what);
        }
        if (current != null) {
            throw new IllegalStateException(what + " is already installed");
        }
        return access;
    }

    private static <A> A installed(A access, String what) {
        if (access == null) {
            throw new IllegalStateException(what + " is not installed: its class has not been initialised");
        }
        return access;
    }
}
