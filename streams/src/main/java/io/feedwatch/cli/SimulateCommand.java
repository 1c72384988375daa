package io.feedwatch.cli;

import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.simulate.AcceleratedClock;
import io.feedwatch.simulate.ParticipantPlan;
import io.feedwatch.simulate.Profile;
import io.feedwatch.simulate.SimulationRunner;
import io.feedwatch.simulate.SimulationRunner.Progress;
import io.feedwatch.simulate.SimulationSettings;
import io.feedwatch.simulate.Simulator;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code feedwatch simulate}: simulated mothers' apps and breast pumps producing to a Kafka cluster. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Enrolls simulated participants and produces their feeding events to a Kafka cluster (topics "
                    + Topics.PARTICIPANTS + " and " + Topics.FEEDING_EVENTS + ") on an accelerated clock.",
            "Participants are on track (9-12 milk-removal sessions a day), declining (down to 4-6 a day) or quiet (nothing at "
                    + "all after some point). Monitoring starts 2 days before --origin; that history is sent at once, the rest "
                    + "when the simulated clock reaches it. The same seed and options give the same data.",
            "A feedwatch app detecting on this data should run its clock at the same origin and speed "
                    + "(feedwatch.clock=accelerated), or use --speed 1 with the wall clock."
        },
        sortOptions = false,
        defaultValueProvider = SimulateCommand.Defaults.class)
public final class SimulateCommand implements Callable<Integer> {
    private static final Duration MAX_SIMULATED = Duration.ofDays(366);
    private static final Duration PRINT_EVERY = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    SimulationOptions simulation;

    @Mixin
    SpeedOption pace;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", converter = Converters.Positive.class,
            description = "Instead of --speed: run the clock at the speed that produces about this many events per wall-clock second.")
    Double rate;

    @Option(names = "--duration", defaultValue = "10m", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "How long to run, in wall-clock time, e.g. 90s, 10m, 1h30m or ISO-8601 PT10M (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--origin", paramLabel = "INSTANT", converter = Converters.UtcInstant.class,
            description = "Simulated time at start, e.g. 2026-03-01T08:00:00Z (default: now).")
    Instant origin;

    @Option(names = "--onset-within", defaultValue = "6h", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "At-risk participants start declining or go quiet within this simulated time after --origin (default: ${DEFAULT-VALUE}).")
    Duration onsetWithin;

    @Option(names = "--dead-letters", description = "Also send, now and then, re-sent duplicates and bad records that end up on "
            + Topics.REJECTED_EVENTS + ".")
    boolean deadLetters;

    /** Enough participants to see every profile; a speed at which a simulated day takes under three wall-clock minutes. */
    static final class Defaults extends OptionDefaults {
        Defaults() {
            super("--participants", "50", "--at-risk-share", "0.3", "--seed", "42", "--speed", "600");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (rate != null && spec.commandLine().getParseResult().hasMatchedOption("--speed")) {
            throw new ParameterException(spec.commandLine(), "--speed and --rate are mutually exclusive: give one");
        }
        FeedwatchConfig config = kafka.load();
        String bootstrapServers = config.bootstrapServers();
        PrintWriter out = spec.commandLine().getOut();
        Clock wall = Clock.systemUTC();
        Instant start = origin != null ? origin : wall.instant().truncatedTo(ChronoUnit.SECONDS);
        SimulationSettings settings = SimulationSettings.of(simulation.seed, simulation.participants, simulation.atRiskShare, start)
                .withOnsetWithin(onsetWithin)
                .withFaultRate(deadLetters ? SimulationSettings.DEFAULT_FAULT_RATE : 0);
        Simulator simulator = new Simulator(settings);
        double speed = speed(simulator);
        if (duration.getSeconds() * speed > MAX_SIMULATED.getSeconds()) {
            throw new ParameterException(spec.commandLine(), "--duration " + duration + " at speed " + speed
                    + " would simulate more than " + MAX_SIMULATED.toDays() + " days");
        }
        out.println(describe(simulator, speed));

        try (StopSignal stop = StopSignal.install("simulate"); Producer<String, byte[]> producer = createProducer(config)) {
            checkReachable(producer, bootstrapServers);
            AcceleratedClock clock = new AcceleratedClock(wall, start, speed);
            Instant end = start.plus(clock.simulatedDuration(duration));
            out.printf(Locale.ROOT, "simulated clock: %s -> %s, %sx (Ctrl-C stops)%n", start, end, format(speed));
            out.flush();
            ProgressPrinter printer = new ProgressPrinter(out, wall);
            SimulationRunner runner = new SimulationRunner(simulator, clock, producer, end, SimulationRunner.Pacer.sleeping(Duration.ofSeconds(1)),
                    printer);
            stop.onRequest(runner::stop);
            Progress result = runner.run();
            out.printf(Locale.ROOT, "%s: sent %s and %s (%s, %s, %s) to %s%n",
                    result.state() == SimulationRunner.State.STOPPED ? "stopped" : "done",
                    Plural.of(result.enrollments(), "enrollment"), Plural.of(result.feedingRecords(), "feeding record"),
                    Plural.of(result.events(), "event"), Plural.of(result.duplicates(), "duplicate"),
                    Plural.of(result.deadLetters(), "dead letter"), bootstrapServers);
            out.flush();
            return 0;
        } catch (KafkaException e) {
            throw new CliException("cannot produce to Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private double speed(Simulator simulator) {
        if (rate == null) {
            return pace.speed;
        }
        // events per wall second = participants × events per simulated day × speed / 86 400
        double perDay = simulator.size() * simulator.meanEventsPerDay();
        if (perDay <= 0) {
            throw new CliException("these participants send no events, so no speed gives a rate of " + rate + " events/s");
        }
        return rate * Duration.ofDays(1).getSeconds() / perDay;
    }

    private static String describe(Simulator simulator, double speed) {
        Map<Profile, Integer> counts = new EnumMap<>(Profile.class);
        for (ParticipantPlan plan : simulator.plans()) {
            counts.merge(plan.profile(), 1, Integer::sum);
        }
        double eventsPerSecond = simulator.size() * simulator.meanEventsPerDay() * speed / Duration.ofDays(1).getSeconds();
        return String.format(Locale.ROOT, "simulating %s (%d on track, %d declining, %d quiet), seed %d, about %s events/s",
                Plural.of(simulator.size(), "participant"), counts.getOrDefault(Profile.ON_TRACK, 0), counts.getOrDefault(Profile.DECLINING, 0),
                counts.getOrDefault(Profile.QUIET, 0), simulator.settings().seed(), format(eventsPerSecond));
    }

    /** Every producer setting of the configuration (security, or anything else to tune), and these where it has none. */
    private static Producer<String, byte[]> createProducer(FeedwatchConfig config) {
        String bootstrapServers = config.bootstrapServers();
        Properties props = Wiring.producerProperties(config, "simulate");
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        // Fail within seconds, not the default minute, when the cluster is not there.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        try {
            return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new CliException("cannot create a Kafka producer for " + bootstrapServers + ": " + Main.oneLine(e), e);
        }
    }

    /** Fails fast with a clear message when the cluster cannot be reached, rather than on the first of many sends. */
    private static void checkReachable(Producer<String, byte[]> producer, String bootstrapServers) {
        try {
            producer.partitionsFor(Topics.PARTICIPANTS);
            producer.partitionsFor(Topics.FEEDING_EVENTS);
        } catch (KafkaException e) {
            throw new CliException("cannot reach Kafka at " + bootstrapServers + " or its topics: " + Main.oneLine(e), e);
        }
    }

    private static String format(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Prints a progress line at most every {@link #PRINT_EVERY} of wall-clock time; the summary line reports the end. */
    private static final class ProgressPrinter implements SimulationRunner.ProgressListener {
        private final PrintWriter out;
        private final Clock wall;
        private Instant lastPrinted = Instant.MIN;

        ProgressPrinter(PrintWriter out, Clock wall) {
            this.out = out;
            this.wall = wall;
        }

        @Override
        public void onProgress(Progress p) {
            Instant now = wall.instant();
            if (p.state() != SimulationRunner.State.RUNNING || now.isBefore(lastPrinted.plus(PRINT_EVERY))) {
                return;
            }
            lastPrinted = now;
            out.printf(Locale.ROOT, "  at %s: %s, %s sent%n", p.simulatedTime().truncatedTo(ChronoUnit.SECONDS),
                    Plural.of(p.enrollments(), "enrollment"), Plural.of(p.feedingRecords(), "feeding record"));
            out.flush();
        }
    }
}
