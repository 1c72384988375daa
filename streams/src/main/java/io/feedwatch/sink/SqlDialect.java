package io.feedwatch.sink;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The databases {@code feedwatch export} writes to, and the little that differs between them. Everything else
 * (types, {@code INSERT ... ON CONFLICT DO UPDATE}, multi-row {@code VALUES}) is the same SQL in both.
 */
public enum SqlDialect {
    /** Embedded DuckDB file: the default, nothing to install. */
    DUCKDB("jdbc:duckdb:", "BLOB"),
    /** PostgreSQL server, for several analysts at once or a long-running export. */
    POSTGRESQL("jdbc:postgresql:", "BYTEA");

    private final String urlPrefix;
    private final String binaryType;

    SqlDialect(String urlPrefix, String binaryType) {
        this.urlPrefix = urlPrefix;
        this.binaryType = binaryType;
    }

    /**
     * The dialect of a JDBC URL.
     *
     * @throws IllegalArgumentException for any database other than DuckDB and PostgreSQL
     */
    public static SqlDialect forUrl(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (SqlDialect d : values()) {
            if (lower.startsWith(d.urlPrefix)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "': feedwatch export writes to "
                + "jdbc:duckdb:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
    }

    /** The JDBC URL of a DuckDB database file. */
    public static String duckDbUrl(Path file) {
        return DUCKDB.urlPrefix + file;
    }

    /** SQL type of a column of the given kind. */
    public String typeName(ColumnType type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
            case BINARY -> binaryType;
        };
    }
}
