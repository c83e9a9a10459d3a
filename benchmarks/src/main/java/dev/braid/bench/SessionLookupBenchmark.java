package dev.braid.bench;

import dev.braid.deferred.EventLoop;
import dev.braid.web.session.InMemorySessionStore;
import dev.braid.web.session.Session;
import dev.braid.web.session.SessionFactory;
import dev.braid.web.session.SessionManager;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Site's session work per request, as {@code Request.getSession()} does it
 * with a cookie: find the session by id in the default store and touch it
 * (store the time of access; the expiry timer checks it when it fires). The
 * store holds {@value #SESSIONS} established sessions with the default 900 s
 * timeout, as a Site does. {@code makeSession} is the cost of a cookie-less request: 32 random
 * bytes, a timer, and a store insertion (evicting the least recently used
 * new session beyond the 10,000 not yet used twice). {@code concurrentMapGet} is the floor: the same
 * lookup in a plain ConcurrentHashMap. The {@code Contended} variants run on
 * two threads at once, as two request loops do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview"})
public class SessionLookupBenchmark {
    /** Live sessions in the store (a power of two). */
    static final int SESSIONS = 1 << 14;

    private EventLoop timers;
    private Thread timerThread;
    private SessionManager sessions;
    private String[] uids;
    private final ConcurrentHashMap<String, Session> plainMap = new ConcurrentHashMap<>();

    /** Each thread walks the ids from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) (Thread.currentThread().threadId() * 7919);
    }

    @Setup(Level.Trial)
    public void fill() {
        timers = EventLoop.create("site-timers");
        timerThread = Thread.ofVirtual().name("site-timers").start(timers::run);
        sessions = new SessionManager(new InMemorySessionStore(100_000), SessionFactory.withTimeout(900), timers);
        uids = new String[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            Session session = sessions.makeSession();
            // Found again at once, as a visitor's second request does: the store
            // keeps established sessions apart from its smaller budget of new ones.
            sessions.find(session.uid()).orElseThrow();
            uids[i] = session.uid();
            plainMap.put(session.uid(), session);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        timers.callFromThread(timers::stop);
        timerThread.join();
    }

    @Benchmark
    public Object findAndTouch(Cursor cursor) {
        return lookup(cursor);
    }

    @Benchmark
    @Threads(2)
    public Object findAndTouchContended(Cursor cursor) {
        return lookup(cursor);
    }

    private Session lookup(Cursor cursor) {
        Session session = sessions.find(uids[cursor.next++ & (SESSIONS - 1)]).orElseThrow();
        session.touch();
        return session;
    }

    @Benchmark
    public Object makeSession() {
        return sessions.makeSession();
    }

    @Benchmark
    public Object concurrentMapGet(Cursor cursor) {
        return plainMap.get(uids[cursor.next++ & (SESSIONS - 1)]);
    }

    @Benchmark
    @Threads(2)
    public Object concurrentMapGetContended(Cursor cursor) {
        return plainMap.get(uids[cursor.next++ & (SESSIONS - 1)]);
    }
}
