package dev.braid.web.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract between a session and a store that backs it (what a shared store
 * such as Redis relies on), with a store of this test that answers from a map
 * and expiry driven by the Clock.
 */
@Timeout(30)
class SessionBackingTest {
    /** A store that keeps values in one map per id and answers idle checks from a queue the test fills. */
    private static final class SharedLikeStore implements SessionStore {
        final Map<String, Session> local = new ConcurrentHashMap<>();
        final Map<String, SessionValues> shared = new ConcurrentHashMap<>();
        final List<DoubleConsumer> pendingVerdicts = new ArrayList<>();
        final AtomicInteger touches = new AtomicInteger();
        SessionManager manager;

        @Override
        public void bind(SessionManager sessionManager) {
            if (manager != null) {
                throw new IllegalStateException("bound twice");
            }
            manager = sessionManager;
        }

        @Override
        public Optional<SessionBacking> backing(Session session) {
            SessionValues values = shared.computeIfAbsent(session.uid(), uid -> new LocalSessionValues());
            return Optional.of(new SessionBacking() {
                @Override
                public SessionValues values() {
                    return values;
                }

                @Override
                public void touched(Session touched) {
                    touches.incrementAndGet();
                }

                @Override
                public void idle(Session idle, DoubleConsumer verdict) {
                    pendingVerdicts.add(verdict);
                }
            });
        }

        @Override
        public Optional<Session> find(String uid) {
            Session session = local.get(uid);
            if (session == null && shared.containsKey(uid)) {
                session = manager.adopt(uid);
                local.put(uid, session);
            }
            return Optional.ofNullable(session);
        }

        @Override
        public void put(Session session) {
            local.put(session.uid(), session);
        }

        @Override
        public void remove(String uid) {
            local.remove(uid);
            shared.remove(uid);
        }

        @Override
        public int size() {
            return local.size();
        }
    }

    private final Clock clock = new Clock();
    private final SharedLikeStore store = new SharedLikeStore();
    private final SessionManager manager = new SessionManager(store, SessionFactory.withTimeout(60), clock);

    @Test
    void theStoreIsBoundAndBacksNewAndAdoptedSessions() {
        assertSame(manager, store.manager);
        Session made = manager.makeSession();
        made.values().increment("views", 1);
        store.local.clear();   // as if this process had never seen it: the store adopts it
        Session adopted = manager.find(made.uid()).orElseThrow();
        assertFalse(adopted == made);
        assertEquals(2, adopted.values().increment("views", 1), "the values are the store's, not the object's");
        adopted.touch();
        assertEquals(1, store.touches.get());
    }

    @Test
    void anIdleSessionAsksItsStoreBeforeExpiring() {
        Session session = manager.makeSession();
        List<String> expired = new ArrayList<>();
        session.notifyOnExpire(() -> expired.add(Thread.currentThread().getName()));
        clock.advance(60);
        assertEquals(1, store.pendingVerdicts.size(), "idle here a whole timeout: the store is asked");
        assertFalse(session.isExpired());
        store.pendingVerdicts.removeFirst().accept(30);   // used elsewhere: lives 30 s more
        clock.advance(29);
        assertTrue(store.pendingVerdicts.isEmpty());
        clock.advance(1);
        assertEquals(1, store.pendingVerdicts.size(), "asked again when that time is up");
        store.pendingVerdicts.removeFirst().accept(0);
        assertFalse(session.isExpired(), "the expiry runs on the clock, not on the thread that answered");
        clock.advance(0);
        assertTrue(session.isExpired());
        assertEquals(1, expired.size());
        assertFalse(store.local.containsKey(session.uid()));
    }

    @Test
    void aSessionTouchedWhileTheStoreThinksIsNotExpiredLater() {
        Session session = manager.makeSession();
        clock.advance(60);
        DoubleConsumer verdict = store.pendingVerdicts.removeFirst();
        clock.advance(10);
        session.touch();
        verdict.accept(5);
        clock.advance(5);   // idle 5 s here: wait for the rest of this process's timeout
        assertTrue(store.pendingVerdicts.isEmpty());
        clock.advance(55);
        assertEquals(1, store.pendingVerdicts.size());
        assertFalse(session.isExpired());
    }

    @Test
    void releaseStopsTheTimerWithoutExpiring() {
        Session session = manager.makeSession();
        List<String> expired = new ArrayList<>();
        session.notifyOnExpire(() -> expired.add("x"));
        manager.release(session);
        clock.advance(1000);
        assertTrue(store.pendingVerdicts.isEmpty());
        assertFalse(session.isExpired());
        assertTrue(expired.isEmpty());
        assertTrue(clock.getDelayedCalls().isEmpty(), "nothing left scheduled for it");
    }
}
