package dev.braid.web.examples;

import dev.braid.deferred.log.Log;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.session.Session;
import dev.braid.web.session.SessionValues;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * The per-session value of {@link CounterResource} (Storing Objects in the
     * Session). The count lives in the session's values (under
     * {@value #VISITS}), so every server sharing the session store sees it.
     */
    public static final class Counter {
        /** The name of the count in the session's values. */
        public static final String VISITS = "counter.visits";

        private final SessionValues values;

        /**
         * Creates the session's counter.
         *
         * @param session the session whose values hold the count
         */
        public Counter(Session session) {
            this.values = session.values();
        }

        /**
         * Counts one more view.
         *
         * @return the new count
         */
        public int increment() {
            return Math.toIntExact(values.increment(VISITS, 1));
        }
    }

    /** {@code /counter}: "Visit #N for you!" via a session component. */
    public static final class CounterResource extends Resource {
        @Override
        protected Object renderGet(Request request) {
            Counter counter = request.getSession().component(Counter.class, Counter::new);
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
