package dev.braid.deferred.adbapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a query's result: its values by position (from 0, like the
 * tuples Twisted's {@code runQuery} returns) or by column label (ignoring
 * case). Immutable.
 *
 * <pre>{@code
 * pool.runQuery("SELECT id, title FROM poems").addCallback(rows -> {
 *     for (Row row : rows) {
 *         System.out.println(row.get(0) + ": " + row.get("title"));
 *     }
 *     return null;
 * });
 * }</pre>
 */
public final class Row {
    private final List<String> columns;
    private final Map<String, Integer> indexes;
    private final Object[] values;

    Row(List<String> columns, Map<String, Integer> indexes, Object[] values) {
        this.columns = columns;
        this.indexes = indexes;
        this.values = values;
    }

    /**
     * Returns a value by position.
     *
     * @param index from 0
     * @return the value; null for SQL NULL
     * @throws IndexOutOfBoundsException if there is no such column
     */
    public Object get(int index) {
        Objects.checkIndex(index, values.length);
        return values[index];
    }

    /**
     * Returns a value by column label, ignoring case.
     *
     * @param column the label
     * @return the value; null for SQL NULL
     * @throws IllegalArgumentException if there is no such column
     */
    public Object get(String column) {
        Integer index = indexes.get(column.toUpperCase(Locale.ROOT));
        if (index == null) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return values[index];
    }

    /**
     * Returns a value by column label, cast to {@code type}.
     *
     * @param column the label
     * @param type the expected type
     * @param <V> that type
     * @return the value; null for SQL NULL
     * @throws ClassCastException if the value has another type
     */
    public <V> V get(String column, Class<V> type) {
        return type.cast(get(column));
    }

    /**
     * Returns the number of columns.
     *
     * @return the count
     */
    public int size() {
        return values.length;
    }

    /**
     * Returns the column labels, in order.
     *
     * @return the labels
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the values, in order.
     *
     * @return an unmodifiable list (it may hold nulls)
     */
    public List<Object> values() {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && columns.equals(row.columns) && Arrays.equals(values, row.values);
    }

    @Override
    public int hashCode() {
        return 31 * columns.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Row[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(values[i]);
        }
        return text.append(']').toString();
    }
}
