package dev.braid.web.session;

import dev.braid.deferred.ReactorTime;

/**
 * Makes the Session objects of a Site (Twisted's {@code Site.sessionFactory}),
 * so an application can use its own subclass, for example one with a shorter
 * timeout.
 *
 * <pre>{@code
 * final class ShortSession extends Session {
 *     ShortSession(String uid, ReactorTime clock, Runnable onRemove) { super(uid, 5, clock, onRemove); }
 * }
 * Site.builder(root).sessionFactory(ShortSession::new).build();
 * }</pre>
 */
@FunctionalInterface
public interface SessionFactory {
    /**
     * Creates a session.
     *
     * @param uid its id
     * @param clock the time source that drives its expiry
     * @param onRemove to pass to the Session constructor
     * @return the new session
     */
    Session create(String uid, ReactorTime clock, Runnable onRemove);

    /**
     * Returns a factory of plain sessions with the given timeout.
     *
     * @param timeoutSeconds seconds of inactivity before expiry
     * @return the factory
     */
    static SessionFactory withTimeout(double timeoutSeconds) {
        return (uid, clock, onRemove) -> new Session(uid, timeoutSeconds, clock, onRemove);
    }
}
