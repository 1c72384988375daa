package io.feedwatch.demo;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.http.FeedwatchServer;
import io.feedwatch.simulate.AcceleratedClock;
import io.feedwatch.simulate.SimulationRunner;
import io.feedwatch.simulate.SimulationSettings;
import io.feedwatch.simulate.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What {@code feedwatch demo} runs, in one place so that {@code feedwatch clinic-week} measures exactly that: an embedded
 * broker (a child JVM on 127.0.0.1), the topics, the streams app on the accelerated detection clock and the simulated
 * participants played into Kafka on the same clock, from the current hour. {@link #close()} stops all of it, in reverse.
 */
public final class DemoPipeline implements AutoCloseable {
    /** How long to wait for the simulation thread to finish its last step. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * Who is simulated and how fast.
     *
     * @param simulatedLength how long the simulation plays after the origin before it stops by itself
     * @param faultRate       share of duplicates and bad records among the simulated ones
     * @param keepData        keep the broker's data directory on close
     */
    public record Settings(int participants, double atRiskShare, long seed, double speed, Duration simulatedLength, double faultRate,
                           boolean keepData) {
    }

    private final EmbeddedBroker broker;
    private final Path stateDir;
    private final AcceleratedClock clock;
    private final Simulator simulator;
    private final FeedwatchServer server;
    private final KafkaProducer<String, byte[]> producer;
    private final SimulationRunner runner;
    private final Thread simulation;

    private DemoPipeline(EmbeddedBroker broker, Path stateDir, AcceleratedClock clock, Simulator simulator, FeedwatchServer server,
                         KafkaProducer<String, byte[]> producer, SimulationRunner runner, Thread simulation) {
        this.broker = broker;
        this.stateDir = stateDir;
        this.clock = clock;
        this.simulator = simulator;
        this.server = server;
        this.producer = producer;
        this.runner = runner;
        this.simulation = simulation;
    }

    /**
     * Starts the broker, the app (configured by {@code base}, then the demo's own settings) and the simulation.
     *
     * @param progress  what the simulation sent so far, on its thread
     * @param onFailure why the simulation stopped early, on its thread
     */
    public static DemoPipeline start(Settings settings, FeedwatchConfig base, SimulationRunner.ProgressListener progress,
                                     Consumer<RuntimeException> onFailure) throws IOException {
        Path stateDir = Files.createTempDirectory("feedwatch-demo-state-");
        EmbeddedBroker broker = null;
        FeedwatchServer server = null;
        try {
            broker = EmbeddedBroker.start(new BrokerOptions(0, 0, null, settings.keepData(), BrokerOptions.DEFAULT_HEAP));
            Properties admin = new Properties();
            admin.put("bootstrap.servers", broker.bootstrapServers());
            TopicSetup.ensureTopics(admin, 3, (short) 1, Duration.ofSeconds(60));
            // simulated time starts at the current hour; detection and the simulated apps share one accelerated clock
            Instant origin = Clock.systemUTC().instant().truncatedTo(ChronoUnit.HOURS);
            AcceleratedClock clock = new AcceleratedClock(Clock.systemUTC(), origin, settings.speed());
            FeedwatchConfig config = base.with(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "application.id", "feedwatch-demo-" + UUID.randomUUID(),
                    "state.dir", stateDir.toString(),
                    "feedwatch.topics.create", "false",
                    "feedwatch.clock", "accelerated",
                    "feedwatch.clock.origin", origin.toString(),
                    "feedwatch.clock.speed", Double.toString(settings.speed()),
                    "feedwatch.detection.punctuation.interval", "PT0.5S",
                    "commit.interval.ms", "200"));
            Simulator simulator = new Simulator(SimulationSettings.of(settings.seed(), settings.participants(), settings.atRiskShare(), origin)
                    .withFaultRate(settings.faultRate()));
            server = FeedwatchServer.start(config, true, clock.wallStart(), Clock.systemUTC(), null);
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(server), new StringSerializer(),
                    new ByteArraySerializer());
            SimulationRunner runner = new SimulationRunner(simulator, clock, producer, origin.plus(settings.simulatedLength()),
                    SimulationRunner.Pacer.sleeping(Duration.ofMillis(200)), progress);
            Thread simulation = new Thread(() -> {
                try {
                    runner.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                }
            }, "feedwatch-demo-simulation");
            simulation.start();
            return new DemoPipeline(broker, stateDir, clock, simulator, server, producer, runner, simulation);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (broker != null) {
                broker.close();
            }
            deleteQuietly(stateDir);
            throw e;
        }
    }

    private static Properties producerProperties(FeedwatchServer server) {
        Properties p = server.wiring().producerProperties("simulator");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return p;
    }

    /**
     * A consumer of what the app wrote, from the beginning unless it joins a group that committed: only records of committed
     * transactions (the app writes exactly-once), so it sees what staff would see.
     */
    public KafkaConsumer<String, byte[]> committedReader(String role) {
        Properties p = server.wiring().consumerProperties(role);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, server.wiring().config().get("application.id") + "-" + role);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path brokerDataDir() {
        return broker.dataDir();
    }

    public AcceleratedClock clock() {
        return clock;
    }

    public Simulator simulator() {
        return simulator;
    }

    public FeedwatchServer server() {
        return server;
    }

    /** The simulation's producer (thread-safe): for records that must reach the app the way the simulated ones do. */
    public KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** Asks the simulation to stop; what it handed to the producer is still flushed. May be called from any thread. */
    public void stopSimulation() {
        runner.stop();
    }

    /** Waits for the simulation to end (by itself at its simulated length, or after {@link #stopSimulation()}). */
    public void awaitSimulation(Duration timeout) throws InterruptedException {
        simulation.join(timeout.toMillis());
    }

    /**
     * Stops everything, also when the closing thread was interrupted (a signal interrupts a command): the interrupt is
     * set aside until the broker's child JVM is gone, then restored.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            runner.stop();
            simulation.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            producer.close();
            server.close();
        } finally {
            broker.close();
            deleteQuietly(stateDir);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }
}
