package dev.braid.deferred.adbapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.deferred.Deferred;
import dev.braid.deferred.DeferredList;
import dev.braid.deferred.Deferreds;
import dev.braid.deferred.flow.Flow;
import dev.braid.deferred.flow.Stage;
import dev.braid.deferred.testing.Trial;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** adbapi against a real embedded H2 database. */
class ConnectionPoolTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private ConnectionPool pool;

    @BeforeEach
    void open() throws SQLException {
        pool = ConnectionPool.builder("jdbc:h2:mem:pool" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1")
                .min(1).max(3).maxWait(Duration.ofSeconds(20)).build();
        Trial.runDeferred(loop -> pool.runInteraction(tx -> {
            tx.execute("CREATE TABLE poem (id INT PRIMARY KEY, title VARCHAR(40), lines INT)");
            tx.execute("INSERT INTO poem VALUES (1, 'Ecstasy', 20), (2, 'Science', 14), (3, 'Kubla Khan', 54)");
            return null;
        }));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void runQueryFiresOnTheCallersLoopWithRowsByIndexAndLabel() {
        String titles = Trial.runDeferred(loop -> pool.runQuery("SELECT id, title FROM poem WHERE lines < ? ORDER BY id", 30)
                .addCallback(rows -> {
                    assertTrue(loop.inLoopThread(), "the Deferred fires on the caller's loop");
                    return rows.get(0).get(1) + "," + rows.get(1).get("TITLE") + "," + rows.get(1).get("id", Integer.class);
                }));
        assertEquals("Ecstasy,Science,2", titles);
    }

    @Test
    void runOperationReturnsTheUpdateCount() {
        int changed = Trial.runDeferred(loop -> pool.runOperation("UPDATE poem SET lines = lines + 1 WHERE id < ?", 3));
        assertEquals(2, changed);
    }

    @Test
    void anInteractionCommitsOnReturnAndRollsBackOnThrowWithTheVeryException() {
        IllegalStateException thrown = new IllegalStateException("changed my mind");
        IllegalStateException seen = assertThrows(IllegalStateException.class, () -> Trial.runDeferred(loop ->
                pool.runInteraction(tx -> {
                    tx.execute("DELETE FROM poem");
                    throw thrown;
                })));
        assertSame(thrown, seen);
        assertEquals(3L, count(), "rolled back");
        Trial.runDeferred(loop -> pool.runInteraction(tx -> tx.execute("DELETE FROM poem WHERE id = 3")));
        assertEquals(2L, count(), "committed");
    }

    @Test
    void sqlErrorsFailWithTheDatabasesMessage() {
        SQLException error = assertThrows(SQLException.class,
                () -> Trial.runDeferred(loop -> pool.runQuery("SELECT * FROM nope")));
        assertTrue(error.getMessage().contains("Table \"NOPE\" not found"), error.getMessage());
        assertThrows(SQLException.class, () -> Trial.runDeferred(loop -> pool.runQuery("SELEC 1")));
        assertThrows(SQLException.class, () -> Trial.runDeferred(loop ->
                pool.runOperation("INSERT INTO poem VALUES (1, 'again', 1)")), "duplicate key");
    }

    @Test
    void aThousandFailingInteractionsLeaveThePoolFull() {
        List<Deferred<Object>> calls = new ArrayList<>();
        Trial.runDeferred(loop -> {
            for (int i = 0; i < 1000; i++) {
                calls.add(pool.runInteraction(tx -> {
                    tx.execute("INSERT INTO poem VALUES (99, 'x', 1)");
                    return tx.query("SELECT * FROM missing_table");
                }));
            }
            return DeferredList.create(calls, false, false, true);
        });
        assertEquals(pool.max(), pool.available(), "every connection given back");
        assertTrue(pool.idleCount() <= pool.max());
        assertEquals(3L, count(), "every insert rolled back");
    }

    @Test
    void anExhaustedPoolFailsClearlyAfterItsWait() throws Exception {
        try (ConnectionPool small = ConnectionPool.builder("jdbc:h2:mem:small" + DATABASES.incrementAndGet())
                .min(0).max(1).maxWait(Duration.ofMillis(50)).build()) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Outside any loop: the Deferreds fire on the workers' threads.
            Deferred<Integer> holder = small.runInteraction(tx -> {
                holding.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return 1;
            });
            assertTrue(holding.await(30, TimeUnit.SECONDS), "the only connection is taken");
            PoolExhaustedError error = assertThrows(PoolExhaustedError.class,
                    () -> Deferreds.await(small.runQuery("SELECT 1")));
            release.countDown();
            assertEquals(1, Deferreds.await(holder));
            assertEquals("no database connection became free within 50 ms (all 1 in use)", error.getMessage());
            assertEquals(1, small.available());
        }
    }

    @Test
    void aBrokenConnectionIsReplaced() {
        assertThrows(SQLException.class, () -> Trial.runDeferred(loop -> pool.runInteraction(tx -> {
            tx.connection().close(); // the connection dies under the interaction
            return tx.query("SELECT 1");
        })));
        assertEquals(pool.max(), pool.available());
        assertEquals(3L, count(), "a new connection serves the next call");
    }

    @Test
    void aFileDatabaseKeepsItsRowsAcrossPools(@TempDir Path dir) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("poems");
        try (ConnectionPool first = ConnectionPool.builder(url).build()) {
            Trial.runDeferred(loop -> first.runOperation("CREATE TABLE t (v VARCHAR(10))")
                    .addCallbackDeferred(ignored -> first.runOperation("INSERT INTO t VALUES ('kept')")));
        }
        try (ConnectionPool second = ConnectionPool.builder(url).build()) {
            assertEquals("kept", Trial.runDeferred(loop -> second.runQuery("SELECT v FROM t")).getFirst().get("v"));
        }
    }

    @Test
    void aClosedPoolRefusesCalls() {
        pool.close();
        assertEquals(0, pool.idleCount());
        assertThrows(IllegalStateException.class, () -> Trial.runDeferred(loop -> pool.runQuery("SELECT 1")));
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ConnectionPool.builder("jdbc:h2:mem:x").max(0).build());
        assertThrows(IllegalArgumentException.class, () -> ConnectionPool.builder("jdbc:h2:mem:x").min(4).max(2).build());
        assertThrows(SQLException.class, () -> ConnectionPool.builder("jdbc:nosuchdriver:x").build());
    }

    @Test
    void theTutorialsUnionAllQueryIteratorYieldsItsRows() {
        Stage<Row> rows = QueryIterator.of(pool, "SELECT 'one' UNION ALL SELECT 'two' UNION ALL SELECT 'three'");
        assertEquals(List.of("one", "two", "three"), Trial.runDeferred(loop -> Flow.deferred(rows.map(row -> row.get(0)))));
        assertEquals(pool.max(), pool.available(), "the connection went back");
    }

    @Test
    void aQueryIteratorClosedEarlyGivesItsConnectionBack() throws Exception {
        Stage<Row> rows = QueryIterator.of(pool, "SELECT X FROM SYSTEM_RANGE(1, 100000)");
        List<Object> firstTwo = Flow.block(Flow.generate(out -> {
            var iterator = out.each(rows).iterator();
            out.yield(iterator.next().get(0));
            out.yield(iterator.next().get(0));
        }));
        assertEquals(List.of(1L, 2L), firstTwo);
        for (int i = 0; i < 100 && pool.available() < pool.max(); i++) {
            Trial.runDeferred(loop -> Deferreds.deferLater(loop, 0.01, () -> null)); // the worker closes on its thread
        }
        assertEquals(pool.max(), pool.available());
    }

    @Test
    void aQueryIteratorFailsWithTheDatabaseError() {
        DatabaseError error = assertThrows(DatabaseError.class,
                () -> Trial.runDeferred(loop -> Flow.deferred(QueryIterator.of(pool, "SELECT * FROM nope"))));
        assertTrue(error.getMessage().contains("Table \"NOPE\" not found"), error.getMessage());
        assertEquals(pool.max(), pool.available());
    }

    private long count() {
        return (Long) Trial.runDeferred(loop -> pool.runQuery("SELECT COUNT(*) FROM poem")).getFirst().get(0);
    }
}
