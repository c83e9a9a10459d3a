package dev.braid.web.examples;

import dev.braid.deferred.adbapi.ConnectionPool;
import dev.braid.deferred.adbapi.Row;
import dev.braid.web.ErrorPage;
import dev.braid.web.Request;
import dev.braid.web.Resource;
import dev.braid.web.internal.Html;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /db}: rows of a seeded embedded H2 table listed through adbapi's
 * {@code runQuery} — the query runs on its own virtual thread with a pooled
 * connection, and the page is written by the callback on the request's loop.
 * {@code ?poet=NAME} filters with a bound parameter.
 */
public final class DatabaseExamples {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private DatabaseExamples() {
    }

    /**
     * Opens a fresh in-memory database, seeds it with poems, and returns the page.
     *
     * @return the page
     * @throws IllegalStateException if the database cannot be opened
     */
    public static Resource poemsPage() {
        String url = "jdbc:h2:mem:braid-demo-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        // Seeded with plain blocking JDBC: the site may be built on a loop, where awaiting a Deferred is refused.
        try (Connection seed = DriverManager.getConnection(url); Statement statement = seed.createStatement()) {
            statement.execute("CREATE TABLE poem (id INT PRIMARY KEY, title VARCHAR(80), poet VARCHAR(80), lines INT)");
            statement.execute("INSERT INTO poem VALUES (1, 'Ecstasy', 'John Donne', 76), "
                    + "(2, 'Science', 'Robinson Jeffers', 14), (3, 'Kubla Khan', 'Samuel Taylor Coleridge', 54), "
                    + "(4, 'The Canonization', 'John Donne', 45)");
            ConnectionPool pool = ConnectionPool.builder(url).min(1).max(4).build();
            return new PoemsResource(pool);
        } catch (SQLException e) {
            throw new IllegalStateException("the demo database could not be opened: " + e.getMessage(), e);
        }
    }

    /** The page itself. */
    private static final class PoemsResource extends Resource {
        private final ConnectionPool pool;

        PoemsResource(ConnectionPool pool) {
            this.pool = pool;
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        protected Object renderGet(Request request) {
            String poet = request.arg("poet").orElse("");
            if (poet.length() > 80) {
                return new ErrorPage(400, "Bad Request", "poet: at most 80 characters").render(request);
            }
            request.setHeader("Content-Type", "text/html; charset=utf-8");
            (poet.isEmpty()
                    ? pool.runQuery("SELECT id, title, poet, lines FROM poem ORDER BY id")
                    : pool.runQuery("SELECT id, title, poet, lines FROM poem WHERE poet = ? ORDER BY id", poet))
                    .addCallback(rows -> {
                        request.write(page(poet, rows));
                        request.finish();
                        return null;
                    })
                    .addErrback(request::processingFailed);
            return NOT_DONE_YET;
        }

        private static String page(String poet, List<Row> rows) {
            StringBuilder html = new StringBuilder("<html><head><title>Poems</title></head><body>\n<h1>Poems"
                    + (poet.isEmpty() ? "" : " by " + Html.escape(poet)) + "</h1>\n<table>\n"
                    + "<tr><th>id</th><th>title</th><th>poet</th><th>lines</th></tr>\n");
            for (Row row : rows) {
                html.append("<tr>");
                for (Object value : row.values()) {
                    html.append("<td>").append(Html.escape(String.valueOf(value))).append("</td>");
                }
                html.append("</tr>\n");
            }
            return html.append("</table>\n<p>").append(rows.size()).append(" rows, read through adbapi's runQuery.</p>"
                    + "\n</body></html>\n").toString();
        }
    }
}
