package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code feedwatch sql}: statements from a file run in order and print as tables, under their "-- query:" titles; a
 * missing database is one line.
 */
class SqlCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void runsEveryStatementOfAFileAgainstADuckDbFile() throws Exception {
        Path db = dir.resolve("a.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE alerts (clinic_id VARCHAR, status VARCHAR)");
            st.execute("INSERT INTO alerts VALUES ('c-1','OPEN'), ('c-1','OPEN'), ('c-2','RESOLVED')");
        }
        Path sql = Files.writeString(dir.resolve("q.sql"), """
                -- Example queries (a header, as in examples/analyst-queries.sql).

                -- query: open alerts per clinic
                -- A comment that is not a title.
                SELECT clinic_id, COUNT(*) AS open_alerts
                FROM alerts WHERE status = 'OPEN'
                GROUP BY clinic_id;

                SELECT COUNT(*) AS total FROM alerts;
                """);
        assertThat(run("sql", "--database", db.toString(), "--file", sql.toString())).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "-- query: open alerts per clinic",
                "clinic_id  open_alerts",
                "---------  -----------",
                "c-1        2",
                "(1 row)",
                "",
                "total",
                "-----",
                "3",
                "(1 row)",
                "");
    }

    @Test
    void aMissingDatabaseOrBadSqlIsOneLine() throws Exception {
        assertThat(run("sql", "--database", dir.resolve("none.duckdb").toString(), "SELECT 1")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("feedwatch: no database at ");
        Path db = dir.resolve("b.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
            assertThat(c.isValid(1)).isTrue();
        }
        err.getBuffer().setLength(0);
        assertThat(run("sql", "--database", db.toString(), "SELECT * FROM nowhere")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("feedwatch: SQL failed: ");
    }
}
