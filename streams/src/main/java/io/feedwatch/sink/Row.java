package io.feedwatch.sink;

import java.util.Arrays;

/** Values for one row of a {@link Schema.Table}, set by column name so that the order cannot go wrong. */
final class Row {
    private final Schema.Table table;
    private final Object[] values;

    private Row(Schema.Table table) {
        this.table = table;
        this.values = new Object[table.columns().size()];
    }

    static Row of(Schema.Table table) {
        return new Row(table);
    }

    /** Sets a column; enums become their names. */
    Row set(String column, Object value) {
        values[table.indexOf(column)] = value instanceof Enum<?> e ? e.name() : value;
        return this;
    }

    Object get(String column) {
        return values[table.indexOf(column)];
    }

    Schema.Table table() {
        return table;
    }

    Object[] values() {
        return Arrays.copyOf(values, values.length);
    }
}
