package dev.braid.deferred.adbapi;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@link Row}s from a ResultSet, sharing one column table between them. */
final class Rows {
    private final List<String> columns;
    private final Map<String, Integer> indexes;

    private Rows(List<String> columns, Map<String, Integer> indexes) {
        this.columns = columns;
        this.indexes = indexes;
    }

    static Rows of(ResultSet results) throws SQLException {
        ResultSetMetaData meta = results.getMetaData();
        List<String> columns = new ArrayList<>(meta.getColumnCount());
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String label = meta.getColumnLabel(i);
            columns.add(label);
            indexes.putIfAbsent(label.toUpperCase(Locale.ROOT), i - 1); // the first of duplicate labels wins
        }
        return new Rows(List.copyOf(columns), Map.copyOf(indexes));
    }

    Row current(ResultSet results) throws SQLException {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = results.getObject(i + 1);
        }
        return new Row(columns, indexes, values);
    }

    static List<Row> readAll(ResultSet results) throws SQLException {
        Rows rows = of(results);
        List<Row> all = new ArrayList<>();
        while (results.next()) {
            all.add(rows.current(results));
        }
        return all;
    }

    static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }
}
