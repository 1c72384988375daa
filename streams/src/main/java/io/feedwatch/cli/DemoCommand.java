package io.feedwatch.cli;

import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.demo.DemoPipeline;
import io.feedwatch.names.Topics;
import io.feedwatch.sink.ExportService;
import io.feedwatch.simulate.AcceleratedClock;
import io.feedwatch.simulate.SimulationSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The whole pipeline on one machine: embedded broker, topics, the streams app, simulated participants, alerts printed. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = DemoCommand.Defaults.class,
        description = {"Starts an embedded Kafka broker (127.0.0.1 only), creates the topics, starts the feedwatch streams "
                + "app on an accelerated clock, enrolls simulated participants (most feeding often enough, some declining, "
                + "some going quiet), plays their apps and pumps, and prints staff alerts as they arrive.",
                "Stops on Ctrl-C or after --duration; the broker's data directory is removed unless --keep-data. The dashboard "
                        + "takes any free port when its port is taken."})
public final class DemoCommand implements Callable<Integer> {
    /** How long to wait for the simulation and export threads to finish their last step. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** The demo runs until Ctrl-C or --duration; its simulation has no end of its own worth reaching. */
    private static final Duration RUNS_FOR = Duration.ofDays(365);
    private static final DateTimeFormatter SIM = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    SimulationOptions simulation;

    @Mixin
    SpeedOption pace;

    @Option(names = "--duration", defaultValue = "2m", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "Wall-clock run time, e.g. 90s, 2m, 1h30m or ISO-8601 PT2M (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--dead-letters", description = "Also send a few duplicates and bad records, to show the dead-letter path.")
    boolean deadLetters;

    @Option(names = "--keep-data", description = "Keep the broker's data directory on exit.")
    boolean keepData;

    @Option(names = "--database", defaultValue = "feedwatch-out/demo.duckdb", paramLabel = "FILE",
            description = "DuckDB file the demo exports alerts, summaries, dead letters, cases and staff actions into, for analysts; replaced on "
                    + "each run (default: ${DEFAULT-VALUE}).")
    Path database;

    @Option(names = "--no-export", description = "Do not export to the analyst database.")
    boolean noExport;

    @Option(names = "--log-file", defaultValue = "feedwatch-out/demo.log", paramLabel = "FILE",
            description = "Where the log goes, so that the terminal shows alerts only; replaced on each run (default: ${DEFAULT-VALUE}).")
    Path logFile;

    @Mixin
    HttpOptions http;

    /** The demo's own defaults of the shared options: a small clinic, one simulated day per wall-clock minute. */
    static final class Defaults extends OptionDefaults {
        Defaults() {
            super("--participants", "12", "--at-risk-share", "0.4", "--seed", "42", "--speed", "1440");
        }
    }

    @Override
    public Integer call() throws Exception {
        try (StopSignal stop = StopSignal.install("demo")) {
            LogToFile log = LogToFile.open(logFile);
            try {
                return run(stop, spec.commandLine().getOut());
            } finally {
                log.close();
            }
        }
    }

    private int run(StopSignal stop, PrintWriter out) throws Exception {
        int participants = simulation.participants;
        out.println("feedwatch demo: starting an embedded Kafka broker on 127.0.0.1 (log: " + logFile + ") ...");
        out.flush();
        AtomicLong eventsSent = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        DemoPipeline.Settings settings = new DemoPipeline.Settings(participants, simulation.atRiskShare, simulation.seed, pace.speed,
                RUNS_FOR, deadLetters ? SimulationSettings.DEFAULT_FAULT_RATE : 0, keepData);
        Path brokerData;
        try (DemoPipeline pipeline = DemoPipeline.start(settings, http.applyTo(FeedwatchConfig.defaults()), p -> eventsSent.set(p.events()),
                e -> {
                    if (!done.get()) {
                        out.println("feedwatch demo: simulation stopped: " + Main.oneLine(e));
                    }
                })) {
            brokerData = pipeline.brokerDataDir();
            AcceleratedClock clock = pipeline.clock();
            out.printf("feedwatch demo: broker at %s; %s; 1 s = %s simulated; Ctrl-C to stop%n",
                    pipeline.bootstrapServers(), Plural.of(participants, "participant"), Duration.ofMillis((long) (1000 * pace.speed)));
            out.flush();
            DemoProgress progress = new DemoProgress(out, System.console() != null);
            Wiring wiring = pipeline.server().wiring();
            try (KafkaConsumer<String, byte[]> consumer = pipeline.committedReader("console")) {
                // the alert loop below polls in short steps, so a signal only needs to stop what blocks for longer
                stop.onRequest(pipeline::stopSimulation);
                BackgroundExport export = noExport ? null : startExport(wiring, out);
                out.printf("Dashboard: %s%n", pipeline.server().url());
                out.flush();
                consumer.subscribe(List.of(Topics.STAFF_ALERTS, Topics.CASES));
                WorkQueueLines lines = new WorkQueueLines(wiring.serdes(), pipeline.simulator().participants());
                long deadline = System.nanoTime() + duration.toNanos();
                while (!stop.requested() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(250)).forEach(r -> lines.read(r.topic(), r.value()).ifPresent(progress::println));
                    progress.show(DemoProgress.line(clock.instant(), eventsSent.get(), lines.alerts(), lines.cases()), System.nanoTime());
                }
                progress.finish();
                done.set(true);
                pipeline.stopSimulation();
                pipeline.awaitSimulation(STOP_WAIT);
                out.printf("feedwatch demo: stopping at simulated %s; %s%n", SIM.format(clock.instant()), lines.summary());
                out.flush();
                if (export != null) {
                    export.stop();
                    // a last pass up to the end offsets, so the file holds everything shown above
                    exportService(wiring).run(true);
                    out.printf("Analyst database: %s (DuckDB: this run's alerts, daily summaries, dead letters, enrollments, cases and staff actions; "
                            + "try the SQL in examples/analyst-queries.sql)%n", database);
                    out.flush();
                }
            }
        }
        out.println(keepData ? "feedwatch demo: stopped; the broker's data is kept in " + brokerData
                : "feedwatch demo: stopped; the broker's data directory is removed");
        out.flush();
        return 0;
    }

    /** The export running on its own thread while the demo runs. */
    private record BackgroundExport(ExportService service, Thread thread) {
        /** Stops it and waits for its last batch, so that the final pass is the file's only writer. */
        void stop() throws InterruptedException {
            service.stop();
            thread.join(STOP_WAIT.toMillis());
        }
    }

    /** Runs the export continuously in the background; the demo's own database file starts empty (new broker, new offsets). */
    private BackgroundExport startExport(Wiring wiring, PrintWriter out) throws IOException {
        Path parent = database.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(database);
        Files.deleteIfExists(Path.of(database + ".wal"));
        ExportService export = exportService(wiring);
        Thread t = new Thread(() -> {
            try {
                export.run(false);
            } catch (SQLException | RuntimeException e) {
                out.println("feedwatch demo: export stopped: " + Main.oneLine(e));
            }
        }, "feedwatch-demo-export");
        t.start();
        return new BackgroundExport(export, t);
    }

    private ExportService exportService(Wiring wiring) {
        return new ExportService(wiring.config().kafkaProperties(), wiring.serdes(),
                "jdbc:duckdb:" + database.toAbsolutePath(), "feedwatch-demo", Clock.systemUTC());
    }
}
