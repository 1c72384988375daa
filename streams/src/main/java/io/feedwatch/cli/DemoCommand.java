package io.feedwatch.cli;

import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.app.TopicSetup;
import io.feedwatch.names.Topics;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import io.feedwatch.http.FeedwatchServer;
import io.feedwatch.sink.ExportService;
import io.feedwatch.simulate.AcceleratedClock;
import io.feedwatch.simulate.SimulationRunner;
import io.feedwatch.simulate.SimulationSettings;
import io.feedwatch.simulate.Simulator;
import java.io.IOException;
import java.sql.SQLException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
            description = "DuckDB file the demo exports alerts, summaries and dead letters into, for analysts; replaced on "
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
        double speed = pace.speed;
        out.println("feedwatch demo: starting an embedded Kafka broker on 127.0.0.1 (log: " + logFile + ") ...");
        out.flush();
        Path stateDir = Files.createTempDirectory("feedwatch-demo-state-");
        Path brokerData;
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(0, 0, null, keepData, BrokerOptions.DEFAULT_HEAP))) {
            brokerData = broker.dataDir();
            Properties admin = new Properties();
            admin.put("bootstrap.servers", broker.bootstrapServers());
            TopicSetup.ensureTopics(admin, 3, (short) 1, Duration.ofSeconds(60));
            // simulated time starts at the current hour; detection and the simulated apps share one accelerated clock
            Instant origin = Clock.systemUTC().instant().truncatedTo(ChronoUnit.HOURS);
            AcceleratedClock clock = new AcceleratedClock(Clock.systemUTC(), origin, speed);
            FeedwatchConfig config = http.applyTo(FeedwatchConfig.defaults().with(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "application.id", "feedwatch-demo-" + UUID.randomUUID(),
                    "state.dir", stateDir.toString(),
                    "feedwatch.topics.create", "false",
                    "feedwatch.clock", "accelerated",
                    "feedwatch.clock.origin", origin.toString(),
                    "feedwatch.clock.speed", Double.toString(speed),
                    "feedwatch.detection.punctuation.interval", "PT0.5S",
                    "commit.interval.ms", "200")));
            Simulator simulator = new Simulator(SimulationSettings.of(simulation.seed, participants, simulation.atRiskShare, origin)
                    .withFaultRate(deadLetters ? SimulationSettings.DEFAULT_FAULT_RATE : 0));
            out.printf("feedwatch demo: broker at %s; %s; 1 s = %s simulated; Ctrl-C to stop%n",
                    broker.bootstrapServers(), Plural.of(participants, "participant"), Duration.ofMillis((long) (1000 * speed)));
            out.flush();
            AtomicLong eventsSent = new AtomicLong();
            AtomicBoolean done = new AtomicBoolean();
            DemoProgress progress = new DemoProgress(out, System.console() != null);
            try (FeedwatchServer server = FeedwatchServer.start(config, true, clock.wallStart(), Clock.systemUTC(), null);
                 KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers());
                 KafkaConsumer<String, byte[]> consumer = consumer(broker.bootstrapServers())) {
                SimulationRunner runner = new SimulationRunner(simulator, clock, producer, origin.plus(Duration.ofDays(365)),
                        SimulationRunner.Pacer.sleeping(Duration.ofMillis(200)), p -> eventsSent.set(p.events()));
                Thread sim = new Thread(() -> {
                    try {
                        runner.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        if (!done.get()) {
                            out.println("feedwatch demo: simulation stopped: " + Main.oneLine(e));
                        }
                    }
                }, "feedwatch-demo-simulation");
                sim.start();
                // the alert loop below polls in short steps, so a signal only needs to stop what blocks for longer
                stop.onRequest(runner::stop);
                BackgroundExport export = noExport ? null : startExport(server.wiring(), out);
                out.printf("Dashboard: %s%n", server.url());
                out.flush();
                consumer.subscribe(List.of(Topics.STAFF_ALERTS, Topics.CASES));
                WorkQueueLines lines = new WorkQueueLines(server.wiring().serdes(), simulator.participants());
                long deadline = System.nanoTime() + duration.toNanos();
                while (!stop.requested() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(250)).forEach(r -> lines.read(r.topic(), r.value()).ifPresent(progress::println));
                    progress.show(DemoProgress.line(clock.instant(), eventsSent.get(), lines.alerts(), lines.cases()), System.nanoTime());
                }
                progress.finish();
                done.set(true);
                runner.stop();
                sim.join(STOP_WAIT.toMillis());
                out.printf("feedwatch demo: stopping at simulated %s; %s%n", SIM.format(clock.instant()), lines.summary());
                out.flush();
                if (export != null) {
                    export.stop();
                    // a last pass up to the end offsets, so the file holds everything shown above
                    exportService(server.wiring()).run(true);
                    out.printf("Analyst database: %s (DuckDB: this run's alerts, daily summaries, dead letters and enrollments; "
                            + "try the SQL in examples/analyst-queries.sql)%n", database);
                    out.flush();
                }
            }
        } finally {
            deleteQuietly(stateDir);
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

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "feedwatch-demo-console");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the app writes exactly-once: show what staff would see, never a record of an aborted transaction
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
