package dev.braid.web.examples;

import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.session.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The session examples of "Twisted Web in 60 seconds". */
public final class SessionExamples {
    private SessionExamples() {
    }

    /** {@code /session}: "Your session id is: ..." (Session Basics). */
    public static final class ShowSession extends Resource {
        /** Creates the page, with {@code expire} as its child. */
        public ShowSession() {
            putChild("expire", new ExpireSession());
        }

        @Override
        protected Object renderGet(Request request) {
            return "Your session id is: " + request.getSession().uid();
        }
    }

    /** {@code /session/expire}: expires the session (Session Basics). */
    public static final class ExpireSession extends Resource {
        @Override
        protected Object renderGet(Request request) {
            request.getSession().expire();
            return "Your session has been expired.";
        }
    }

    /** The per-session value of {@link CounterResource} (Storing Objects in the Session). */
    public static final class Counter {
        private final AtomicInteger value = new AtomicInteger();

        /**
         * Counts one more view.
         *
         * @return the new count
         */
        public int increment() {
            return value.incrementAndGet();
        }
    }

    /** {@code /counter}: "Visit #N for you!" via a session component. */
    public static final class CounterResource extends Resource {
        @Override
        protected Object renderGet(Request request) {
            Counter counter = request.getSession().component(Counter.class, session -> new Counter());
            return "Visit #" + counter.increment() + " for you!";
        }
    }

    /**
     * {@code /logme} (Session Endings): remembers each session it sees and
     * logs "Session &lt;uid&gt; has expired." when it ends. Mounted in a site
     * whose sessions last 5 seconds ({@link #shortSessions}).
     */
    public static final class ExpirationLogger extends Resource {
        private final Set<String> sessions = ConcurrentHashMap.newKeySet();

        @Override
        protected Object renderGet(Request request) {
            Session session = request.getSession();
            if (sessions.add(session.uid())) {
                session.notifyOnExpire(() -> {
                    Log.msg("Session " + session.uid() + " has expired.");
                    sessions.remove(session.uid());
                });
            }
            return "";
        }

        /**
         * Returns the sessions being watched.
         *
         * @return their ids
         */
        public Set<String> watched() {
            return Set.copyOf(sessions);
        }
    }

    /**
     * The tutorial's {@code ShortSession}: a session that expires after 5 seconds.
     *
     * @return the factory for {@code Site.Builder.sessionFactory}
     */
    public static dev.braid.web.session.SessionFactory shortSessions() {
        return dev.braid.web.session.SessionFactory.withTimeout(5);
    }
}
