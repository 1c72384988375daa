package io.feedwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs SQL against the analyst database, so the demo's DuckDB file can be queried without installing anything. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs SQL statements against the analyst database written by 'feedwatch export' or the demo and prints "
                + "the results as text tables, each under the title of its '-- query: TITLE' comment if it has one.",
                "Example: feedwatch sql --database feedwatch-out/demo.duckdb --file examples/analyst-queries.sql"})
public final class SqlCommand implements Callable<Integer> {
    /** How examples/analyst-queries.sql names its queries; the name is printed above the query's table. */
    static final String QUERY_TITLE = "-- query: ";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(names = "--database", paramLabel = "FILE", description = "DuckDB file (default: feedwatch-out/demo.duckdb).")
        Path database;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "Any JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/test.")
        String jdbcUrl;
    }

    @Option(names = "--file", paramLabel = "FILE", description = "Statements to run, separated by ';' at the end of a line.")
    Path file;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "One statement (instead of --file).")
    String statement;

    @Override
    public Integer call() {
        List<Query> statements = statements();
        String url = target != null && target.jdbcUrl != null ? target.jdbcUrl
                : "jdbc:duckdb:" + (target != null && target.database != null ? target.database : Path.of("feedwatch-out", "demo.duckdb"));
        if (url.startsWith("jdbc:duckdb:") && !Files.exists(Path.of(url.substring("jdbc:duckdb:".length())))) {
            throw new CliException("no database at " + url.substring("jdbc:duckdb:".length()) + " (run 'feedwatch demo' or 'feedwatch export' first)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            for (Query query : statements) {
                if (query.title() != null) {
                    out.println(QUERY_TITLE + query.title());
                }
                if (st.execute(query.sql())) {
                    try (ResultSet rs = st.getResultSet()) {
                        print(rs, out);
                    }
                } else {
                    out.printf("(%s changed)%n", Plural.of(st.getUpdateCount(), "row"));
                }
                out.println();
            }
        } catch (SQLException e) {
            throw new CliException("SQL failed: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        out.flush();
        return 0;
    }

    /** Statements separated by ';' at the end of a line; a "-- query: TITLE" comment before one names it. */
    private List<Query> statements() {
        if ((file == null) == (statement == null)) {
            throw new CliException("give one SQL statement or --file, not both and not neither");
        }
        String text;
        if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException("file not found: " + file);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
            }
        } else {
            text = statement;
        }
        List<Query> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String title = null;
        for (String line : text.lines().toList()) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("--"))) {
                // between statements: blank lines and comments, one of which may name the next statement
                if (stripped.startsWith(QUERY_TITLE)) {
                    title = stripped.substring(QUERY_TITLE.length()).strip();
                }
                continue;
            }
            current.append(line).append('\n');
            if (stripped.endsWith(";")) {
                out.add(new Query(title, current.toString().strip().replaceAll(";$", "")));
                current.setLength(0);
                title = null;
            }
        }
        if (!current.toString().isBlank()) {
            out.add(new Query(title, current.toString().strip()));
        }
        return out;
    }

    private static void print(ResultSet rs, PrintWriter out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[n];
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            header[i] = md.getColumnLabel(i + 1);
            width[i] = header[i].length();
        }
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                row[i] = v == null ? "" : v.toString();
                width[i] = Math.max(width[i], row[i].length());
            }
            rows.add(row);
        }
        printRow(header, width, out);
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        rows.forEach(r -> printRow(r, width, out));
        out.printf("(%s)%n", Plural.of(rows.size(), "row"));
    }

    private static void printRow(String[] cells, int[] width, PrintWriter out) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(String.format("%-" + width[i] + "s  ", cells[i]));
        }
        out.println(sb.toString().stripTrailing());
    }

    /** One statement and the title of its "-- query:" comment, or null. */
    private record Query(String title, String sql) {
    }
}
