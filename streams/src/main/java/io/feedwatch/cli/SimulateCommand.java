package io.feedwatch.cli;

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
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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
        sortOptions = false)
public final class SimulateCommand implements Callable<Integer> {
    private static final double DEFAULT_SPEED = 600;
    private static final int MAX_PARTICIPANTS = 10_000_000;
    private static final Duration MAX_SIMULATED = Duration.ofDays(366);
    private static final Duration PRINT_EVERY = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]", description = "Kafka cluster to produce to.")
    String bootstrapServers;

    @Option(names = "--participants", defaultValue = "50", paramLabel = "N", description = "Participants to enroll (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--at-risk-share", defaultValue = "0.3", paramLabel = "SHARE",
            description = "Share of participants, 0 to 1, that decline or go quiet (default: ${DEFAULT-VALUE}).")
    double atRiskShare;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Pace pace;

    static final class Pace {
        @Option(names = "--speed", paramLabel = "X", description = "Simulated seconds per wall-clock second (default: 600).")
        Double speed;

        @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
                description = "Instead of --speed: run the clock at the speed that produces about this many events per wall-clock second.")
        Double rate;
    }

    @Option(names = "--duration", defaultValue = "PT10M", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to run, in wall-clock time, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--origin", paramLabel = "INSTANT", converter = InstantConverter.class, description = "Simulated time at start, e.g. 2026-03-01T08:00:00Z (default: now).")
    Instant origin;

    @Option(names = "--onset-within", defaultValue = "PT6H", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "At-risk participants start declining or go quiet within this simulated time after --origin (default: ${DEFAULT-VALUE}).")
    Duration onsetWithin;

    @Option(names = "--dead-letters", description = "Also send, now and then, re-sent duplicates and bad records that end up on "
            + Topics.REJECTED_EVENTS + ".")
    boolean deadLetters;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", description = "Extra Kafka producer setting (repeatable), "
            + "e.g. security.protocol=SSL.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Clock wall = Clock.systemUTC();
        Instant start = origin != null ? origin : wall.instant().truncatedTo(ChronoUnit.SECONDS);
        SimulationSettings settings = SimulationSettings.of(seed, participants, atRiskShare, start)
                .withOnsetWithin(onsetWithin)
                .withFaultRate(deadLetters ? SimulationSettings.DEFAULT_FAULT_RATE : 0);
        Simulator simulator = new Simulator(settings);
        double speed = speed(simulator);
        if (duration.getSeconds() * speed > MAX_SIMULATED.getSeconds()) {
            throw new ParameterException(spec.commandLine(), "--duration " + duration + " at speed " + speed
                    + " would simulate more than " + MAX_SIMULATED.toDays() + " days");
        }
        out.println(describe(simulator, speed));

        try (Producer<String, byte[]> producer = createProducer()) {
            checkReachable(producer);
            AcceleratedClock clock = new AcceleratedClock(wall, start, speed);
            Instant end = start.plus(clock.simulatedDuration(duration));
            out.printf(Locale.ROOT, "simulated clock: %s -> %s, %sx (Ctrl-C stops)%n", start, end, format(speed));
            ProgressPrinter printer = new ProgressPrinter(out, wall);
            SimulationRunner runner = new SimulationRunner(simulator, clock, producer, end, SimulationRunner.Pacer.sleeping(Duration.ofSeconds(1)),
                    printer);
            Progress result = runUntilDoneOrInterrupted(runner);
            out.printf(Locale.ROOT, "%s: sent %d enrollments and %d feeding records (%d events, %d duplicates, %d dead letters) to %s%n",
                    result.state() == SimulationRunner.State.STOPPED ? "stopped" : "done", result.enrollments(),
                    result.feedingRecords(), result.events(), result.duplicates(), result.deadLetters(), bootstrapServers);
            return 0;
        } catch (KafkaException e) {
            throw new CliException("cannot produce to Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private void validate() {
        if (participants < 1 || participants > MAX_PARTICIPANTS) {
            throw new ParameterException(spec.commandLine(), "--participants must be between 1 and " + MAX_PARTICIPANTS + ", got " + participants);
        }
        if (!(atRiskShare >= 0 && atRiskShare <= 1)) {
            throw new ParameterException(spec.commandLine(), "--at-risk-share must be between 0 and 1, got " + atRiskShare);
        }
        if (pace != null && pace.speed != null && !(pace.speed > 0 && pace.speed < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--speed must be a positive number, got " + pace.speed);
        }
        if (pace != null && pace.rate != null && !(pace.rate > 0 && pace.rate < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--rate must be a positive number, got " + pace.rate);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive, got " + duration);
        }
        if (onsetWithin.toMillis() < 1) {
            throw new ParameterException(spec.commandLine(), "--onset-within must be positive, got " + onsetWithin);
        }
    }

    private double speed(Simulator simulator) {
        if (pace == null || pace.rate == null) {
            return pace != null && pace.speed != null ? pace.speed : DEFAULT_SPEED;
        }
        // events per wall second = participants × events per simulated day × speed / 86 400
        double perDay = simulator.size() * simulator.meanEventsPerDay();
        if (perDay <= 0) {
            throw new CliException("these participants send no events, so no speed gives a rate of " + pace.rate + " events/s");
        }
        return pace.rate * Duration.ofDays(1).getSeconds() / perDay;
    }

    private static String describe(Simulator simulator, double speed) {
        Map<Profile, Integer> counts = new EnumMap<>(Profile.class);
        for (ParticipantPlan plan : simulator.plans()) {
            counts.merge(plan.profile(), 1, Integer::sum);
        }
        double eventsPerSecond = simulator.size() * simulator.meanEventsPerDay() * speed / Duration.ofDays(1).getSeconds();
        return String.format(Locale.ROOT, "simulating %d participants (%d on track, %d declining, %d quiet), seed %d, about %s events/s",
                simulator.size(), counts.getOrDefault(Profile.ON_TRACK, 0), counts.getOrDefault(Profile.DECLINING, 0),
                counts.getOrDefault(Profile.QUIET, 0), simulator.settings().seed(), format(eventsPerSecond));
    }

    private Producer<String, byte[]> createProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedwatch-simulate");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        // Fail within seconds, not the default minute, when the cluster is not there.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        props.putAll(producerProperties);
        try {
            return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new CliException("cannot create a Kafka producer for " + bootstrapServers + ": " + Main.oneLine(e), e);
        }
    }

    /** Fails fast with a clear message when the cluster cannot be reached, rather than on the first of many sends. */
    private void checkReachable(Producer<String, byte[]> producer) {
        try {
            producer.partitionsFor(Topics.PARTICIPANTS);
            producer.partitionsFor(Topics.FEEDING_EVENTS);
        } catch (KafkaException e) {
            throw new CliException("cannot reach Kafka at " + bootstrapServers + " or its topics: " + Main.oneLine(e), e);
        }
    }

    /** Runs on this thread; on Ctrl-C the shutdown hook stops the runner and waits for it to flush. */
    private static Progress runUntilDoneOrInterrupted(SimulationRunner runner) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.stop();
            try {
                finished.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "feedwatch-simulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runner.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and will return now that we are done.
            }
        }
    }

    private static String format(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** ISO-8601 durations, with a message that says what is expected (picocli's own names a Java exception). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration such as PT10M or PT1H30M");
            }
        }
    }

    /** ISO-8601 instants in UTC, with a message that says what is expected. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-03-01T08:00:00Z");
            }
        }
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
            out.printf(Locale.ROOT, "  at %s: %d enrollments, %d feeding records sent%n", p.simulatedTime().truncatedTo(ChronoUnit.SECONDS),
                    p.enrollments(), p.feedingRecords());
        }
    }
}
