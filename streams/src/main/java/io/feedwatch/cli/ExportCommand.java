package io.feedwatch.cli;

import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.sink.ExportService;
import io.feedwatch.sink.ExportStats;
import io.feedwatch.sink.SqlDialect;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedwatch export}: alerts, daily summaries, dead letters, enrollments, cases and staff actions into DuckDB or PostgreSQL. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Copies alerts, daily summaries, dead letters, enrollments, cases and staff actions into an analyst database: a DuckDB "
                + "file (default) or PostgreSQL. Rows are upserts and the Kafka offsets are stored in the same "
                + "transaction, so stopping or crashing at any point never loses or doubles a row. Runs until Ctrl-C, "
                + "or with --once until it has caught up.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(exclusive = true)
    Target target;

    static final class Target {
        @Option(names = "--database", paramLabel = "FILE", description = "DuckDB database file, created if missing (default: feedwatch.duckdb).")
        Path database;

        @Option(names = "--jdbc-url", paramLabel = "URL",
                description = "Database instead of a DuckDB file, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=me "
                        + "(add currentSchema=NAME for another schema than public).")
        String jdbcUrl;
    }

    @Option(names = "--once", description = "Stop when every partition has been read up to its end (as of the start).")
    boolean once;

    @Option(names = "--group", paramLabel = "NAME", description = "Name of this export's progress in table consumer_offsets; a new name "
            + "reads every topic from the start again (default: ${DEFAULT-VALUE}).")
    String group = "feedwatch-export";

    @Override
    public Integer call() {
        FeedwatchConfig cfg = kafka.load();
        String url = jdbcUrl();
        Wiring wiring = Wiring.from(cfg, Clock.systemUTC().instant());
        ExportService service;
        try {
            service = new ExportService(cfg.kafkaProperties(), wiring.serdes(), url, group, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String where = shown(url);
        if (!once) {
            out.printf("export: %s -> %s (group %s); Ctrl-C to stop%n", cfg.bootstrapServers(), where, group);
            out.flush();
        }
        try (StopSignal stop = StopSignal.install("export")) {
            stop.onRequest(service::stop);
            ExportStats stats;
            try {
                stats = service.run(once);
            } catch (SQLException e) {
                throw new CliException("database " + where + ": " + Main.oneLine(e), e);
            } catch (IllegalStateException e) {
                throw new CliException(e.getMessage(), e);
            } catch (KafkaException e) {
                throw new CliException("cannot read from " + cfg.bootstrapServers() + ": " + Main.oneLine(e), e);
            }
            out.printf("export: %s (%s, %s, %s, %s, %s, %s, %d skipped) -> %s%n", Plural.of(stats.records(), "record"),
                    Plural.of(stats.alertRecords(), "alert record"), Plural.of(stats.dailySummaries(), "daily summary", "daily summaries"),
                    Plural.of(stats.deadLetters(), "dead letter"), Plural.of(stats.enrollments(), "enrollment"),
                    Plural.of(stats.caseRecords(), "case record"), Plural.of(stats.staffActions(), "staff action"), stats.skipped(), where);
            out.flush();
            return 0;
        }
    }

    private String jdbcUrl() {
        if (target != null && target.jdbcUrl != null) {
            return target.jdbcUrl;
        }
        Path file = target != null && target.database != null ? target.database : Path.of("feedwatch.duckdb");
        return SqlDialect.duckDbUrl(file);
    }

    /** The URL without a password, for messages. */
    private static String shown(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
