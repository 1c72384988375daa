package io.feedwatch.sink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database for one test: a DuckDB file in a temporary directory, or a schema of its own in the
 * PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust authentication), dropped on close.
 */
record TestDatabase(String url, String pgSchema) implements AutoCloseable {
    private static final String PG_BASE = "jdbc:postgresql://127.0.0.1:5432/test";

    static TestDatabase duckDb(Path dir) {
        return new TestDatabase(SqlDialect.duckDbUrl(dir.resolve("export.duckdb")), null);
    }

    /** Aborts the calling test (reported as skipped, with the reason) when PostgreSQL cannot be reached. */
    static TestDatabase postgres() {
        String base = reachablePostgres();
        String schema = "export_test_" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits());
        try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return new TestDatabase(base + "&currentSchema=" + schema, schema);
    }

    /** The first URL that connects: as user postgres, else as the current OS user (the driver's default). */
    private static String reachablePostgres() {
        SQLException last = null;
        for (String url : new String[] {PG_BASE + "?user=postgres&connectTimeout=3", PG_BASE + "?connectTimeout=3"}) {
            try (Connection c = DriverManager.getConnection(url)) {
                if (c.isValid(3)) {
                    return url;
                }
            } catch (SQLException e) {
                last = e;
            }
        }
        Assumptions.abort("PostgreSQL not reachable at 127.0.0.1:5432, database test (" + last.getMessage()
                + "); the PostgreSQL path of feedwatch export is not tested here");
        throw new AssertionError("unreachable");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() throws SQLException {
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + pgSchema + " CASCADE");
            }
        }
    }
}
