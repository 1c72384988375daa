package io.feedwatch.sink;

import java.sql.Types;

/** Kinds of column in the export schema; {@link SqlDialect#typeName} gives each one's SQL type. */
public enum ColumnType {
    TEXT(Types.VARCHAR),
    INTEGER(Types.INTEGER),
    BIGINT(Types.BIGINT),
    DOUBLE(Types.DOUBLE),
    BOOLEAN(Types.BOOLEAN),
    /** A calendar date (daily summaries, birth dates). */
    DATE(Types.DATE),
    /** An instant, stored with time zone (shown in the session's time zone, UTC unless the analyst sets another). */
    TIMESTAMP(Types.TIMESTAMP_WITH_TIMEZONE),
    BINARY(Types.BINARY);

    private final int jdbcType;

    ColumnType(int jdbcType) {
        this.jdbcType = jdbcType;
    }

    /** The {@link Types} code used to bind a null of this kind. */
    int jdbcType() {
        return jdbcType;
    }
}
