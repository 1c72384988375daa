package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Everything of {@code feedwatch export} that ends before Kafka or a database is contacted: parsing and refusals. */
class ExportCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void refusesADatabaseFileAndAJdbcUrlTogether() {
        assertThat(run("export", "--database", "a.duckdb", "--jdbc-url", "jdbc:postgresql://127.0.0.1/test")).isEqualTo(2);

        assertThat(errLines()).hasSize(2).first().asString()
                .startsWith("feedwatch: Error: --database=FILE, --jdbc-url=URL are mutually exclusive");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesADatabaseOtherThanDuckDbAndPostgres() {
        assertThat(run("export", "--jdbc-url", "jdbc:mysql://127.0.0.1/test")).isEqualTo(2);

        assertThat(errLines()).containsExactly(
                "feedwatch: unsupported JDBC URL 'jdbc:mysql://127.0.0.1/test': feedwatch export writes to "
                        + "jdbc:duckdb:FILE or jdbc:postgresql://HOST:PORT/DATABASE",
                "Try 'feedwatch export --help' for more information.");
    }

    @Test
    void documentsItsOptions() {
        assertThat(run("export", "--help")).isEqualTo(0);

        assertThat(out.toString()).contains("--bootstrap-servers=HOST:PORT", "--config=FILE", "--database=FILE",
                "--jdbc-url=URL", "--once", "--group=", "default: feedwatch-export", "feedwatch.duckdb");
        assertThat(err.toString()).isEmpty();
    }
}
