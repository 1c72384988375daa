package io.feedwatch.bench;

import io.feedwatch.app.FeedwatchTopology;
import io.feedwatch.app.TopicSetup;
import io.feedwatch.app.Wiring;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.StoreNames;
import io.feedwatch.names.Topics;
import io.feedwatch.simulate.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs the whole benchmark: starts an embedded broker, loads one seeded workload, measures every stage over the same
 * topic, then the scaling points, and returns what it measured (the caller writes the reports).
 */
public final class Bench {
    /** Stream threads of every Kafka Streams stage: the default, as feedwatch runs out of the box. */
    private static final int THREADS = 1;

    private final BenchPlan plan;
    private final ConsoleProgress progress;
    private final Meter meter = new Meter();
    private final Profiler profiler;
    private final Path stateRoot;
    private String bootstrap;

    Bench(BenchPlan plan, ConsoleProgress progress) {
        this.plan = plan;
        this.progress = progress;
        this.profiler = plan.profile() ? new Profiler(plan.out()) : null;
        try {
            this.stateRoot = Files.createTempDirectory("feedwatch-bench-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory", e);
        }
    }

    /** Runs everything; the broker's data and the stores' state are deleted at the end. */
    public static BenchResult run(BenchPlan plan, java.io.PrintWriter out, boolean terminal, String version) {
        return new Bench(plan, new ConsoleProgress(out, terminal)).run(version);
    }

    private BenchResult run(String version) {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Machine machine = Machine.current();
        progress.line(String.format(Locale.ROOT, "feedwatch bench: %,d participants, %d simulated %s, seed %d, %d partitions; %d cores, %s",
                plan.participants(), plan.days(), plan.days() == 1 ? "day" : "days", plan.seed(), plan.partitions(), machine.cores(), machine.jvm()));
        progress.begin("start embedded broker");
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions(0, 0, null, false, "1g"))) {
            bootstrap = broker.bootstrapServers();
            createTopics();
            progress.end("at " + bootstrap);

            Simulator simulator = Workloads.simulator(plan, plan.participants());
            long estimate = (long) (simulator.meanEventsPerDay() * plan.participants() * plan.days());
            progress.begin("load workload");
            long l0 = System.nanoTime();
            Workloads.Loaded loaded = Workloads.load(bootstrap, simulator, Probes.enrollments(plan), plan.from(), plan.to(),
                    n -> progress.update(n, estimate));
            double loadSeconds = (System.nanoTime() - l0) / 1e9;
            BenchResult.Workload workload = new BenchResult.Workload(plan.participants(), plan.probes(), loaded.events(),
                    loaded.eventBytes(), plan.from(), plan.to(), loadSeconds);
            progress.end(String.format(Locale.ROOT, "%,d events (%,d MB), %,d enrollments in %.1f s", loaded.events(),
                    loaded.eventBytes() >> 20, loaded.enrollments(), loadSeconds));
            Map<TopicPartition, Long> measuredEnd = endOffsets(Topics.FEEDING_EVENTS);

            List<BenchResult.Stage> stages = new ArrayList<>();
            stages.add(repeated("1", "raw-consumer", "consumer, raw bytes", workload,
                    () -> consumerRun("1", measuredEnd, false, workload)));
            stages.add(repeated("2", "consumer-decode", "consumer + Avro decode", workload,
                    () -> consumerRun("2", measuredEnd, true, workload)));
            stages.add(repeated("3", "streams-pass-through", "Kafka Streams pass-through", workload,
                    () -> streamsRun("3", "bench-pass-through", BaselineTopologies.passThrough(), workload)));
            stages.add(repeated("4", "naive-sliding-window", "naive SlidingWindows 24 h count", workload,
                    () -> streamsRun("4", "bench-naive", BaselineTopologies.naiveSlidingWindow(), workload)));

            LatencyRun.Continuation continuation = new LatencyRun.Continuation(simulator, plan.to(), plan.probes());
            stages.add(feedwatchAtLeastOnce(workload, continuation));
            BenchResult.Stage alos = stages.get(stages.size() - 1);
            stages.add(feedwatchExactlyOnce("6a", "feedwatch-eos-100ms", "feedwatch exactly-once, commit 100 ms", Duration.ofMillis(100),
                    workload, continuation, alos));
            stages.add(feedwatchExactlyOnce("6b", "feedwatch-eos-1s", "feedwatch exactly-once, commit 1 s", Duration.ofSeconds(1),
                    workload, continuation, alos));

            List<BenchResult.ScalingPoint> scaling = new ArrayList<>();
            for (int size : plan.scalingSizes()) {
                scaling.add(scalingPoint(size));
            }
            List<BenchResult.Goal> goals = Goals.evaluate(plan, stages, scaling, lingerOfStreamsProducer());
            return new BenchResult(version, startedAt, Duration.ofNanos(System.nanoTime() - t0), machine, plan, workload,
                    stages, scaling, goals);
        } finally {
            StateSizes.delete(stateRoot);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stages 1 to 4

    /** One run of a throughput stage: the feeding events it processed, and over what span. */
    private record Run(long events, boolean complete, Meter.Span span, BenchResult.Profile profile) {
        double rate() {
            return events / span.seconds();
        }
    }

    /** Runs a stage {@link BenchPlan#repeats()} times (stages 1 and 2, which take seconds) or once, and reports the median run. */
    private BenchResult.Stage repeated(String stage, String id, String name, BenchResult.Workload workload, Supplier<Run> once) {
        int n = stage.equals("1") || stage.equals("2") ? plan.repeats() : 1;
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            progress.begin(String.format(Locale.ROOT, "stage %s %s%s", stage, name, n > 1 ? " (" + (i + 1) + "/" + n + ")" : ""));
            Run r = once.get();
            runs.add(r);
            progress.end(summary(r.events(), r.complete(), r.span()));
        }
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Run::rate));
        Run median = sorted.get(sorted.size() / 2);
        BenchResult.Profile profile = runs.stream().map(Run::profile).filter(java.util.Objects::nonNull).reduce((a, b) -> b).orElse(null);
        String note = switch (stage) {
            case "1" -> "one KafkaConsumer, default fetch settings; the ceiling";
            case "2" -> "stage 1 plus decoding each value with feedwatch's Avro single-object serde";
            case "3" -> "Kafka Streams, " + THREADS + " stream thread, at-least-once: decode, re-encode, write to " + BaselineTopologies.PASS_THROUGH_TOPIC;
            default -> "removal events per participant in SlidingWindows(24 h, grace " + BaselineTopologies.NAIVE_GRACE.toMinutes()
                    + " min) on event time, count(), suppress(untilWindowCloses), alert if < " + BaselineTopologies.NAIVE_MINIMUM
                    + "; never alerts on silence";
        };
        return new BenchResult.Stage(stage, id, name, median.events(), median.complete(), median.span().seconds(), median.rate(),
                median.rate(), runs.stream().map(Run::rate).toList(), micros(median.span().appCpu(), median.events()),
                micros(median.span().brokerCpu(), median.events()), median.span().appCores(), median.span().brokerCores(),
                note + budgetNote(median.events(), median.complete(), workload), null, null, null, profile);
    }

    private String budgetNote(long events, boolean complete, BenchResult.Workload workload) {
        return complete ? "" : String.format(Locale.ROOT, "; stopped at the stage budget of %d s after %,d of %,d events",
                plan.stageBudget().toSeconds(), events, workload.events());
    }

    private static String summary(long events, boolean complete, Meter.Span span) {
        return String.format(Locale.ROOT, "%,.0f events/s, %.2f µs CPU/event%s", events / span.seconds(), micros(span.appCpu(), events),
                complete ? "" : String.format(Locale.ROOT, " (budget: %,d events in %.0f s)", events, span.seconds()));
    }

    private Run consumerRun(String stage, Map<TopicPartition, Long> end, boolean decode, BenchResult.Workload workload) {
        Profiler.Session rec = profiler == null ? null : profiler.start(stage);
        ConsumerStages.Read read = ConsumerStages.read(bootstrap, end, decode, meter, n -> progress.update(n, workload.events()));
        if (read.records() != workload.events()) {
            throw new IllegalStateException("stage " + stage + " read " + read.records() + " events, expected " + workload.events());
        }
        return new Run(read.records(), true, read.span(), rec == null ? null : rec.stop(read.span()));
    }

    private Run streamsRun(String stage, String appId, Topology topology, BenchResult.Workload workload) {
        String runId = appId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Properties props = baseStreamsProperties(runId);
        Profiler.Session rec = profiler == null ? null : profiler.start(stage);
        StreamsRuns.Running app = StreamsRuns.start(topology, props, meter, null);
        try {
            StreamsRuns.Progress p = StreamsRuns.awaitProcessed(app, workload.events(), plan.stageBudget(), meter,
                    n -> progress.update(n, workload.events()));
            return new Run(p.processed(), p.complete(), p.span(), rec == null ? null : rec.stop(p.span()));
        } finally {
            StreamsRuns.close(app.streams());
            app.streams().cleanUp();
        }
    }

    private Properties baseStreamsProperties(String appId) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // the naive windows run on event time, which is in the simulated future: let its internal topics take such timestamps
        p.put(StreamsConfig.topicPrefix(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG), Long.toString(Long.MAX_VALUE));
        return p;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stages 5 and 6

    /** The real feedwatch topology with the documented defaults, except the event-time clock and the given guarantee. */
    private Wiring feedwatch(String appId, String guarantee, Duration commitInterval) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "bootstrap.servers", bootstrap,
                "application.id", appId,
                "state.dir", stateRoot.toString(),
                "feedwatch.clock", "event-time",
                "feedwatch.topics.create", "false",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee));
        if (commitInterval != null) {
            overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        }
        return Wiring.from(FeedwatchConfig.defaults().with(overrides), Instant.EPOCH);
    }


    /** The application id of stage 5, whose state the exactly-once latency runs continue with. */
    private static final String SHARED_APP = "bench-feedwatch";

    /**
     * Stage 5: the whole workload at-least-once (the figure over the stage budget is kept for the ratios), then its state,
     * produce-to-alert latency, size on disk and restore from the changelogs.
     */
    private BenchResult.Stage feedwatchAtLeastOnce(BenchResult.Workload workload, LatencyRun.Continuation continuation) {
        Wiring config = feedwatch(SHARED_APP, StreamsConfig.AT_LEAST_ONCE, null);
        Properties props = config.streamsProperties();
        long commitMs = new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        long records = workload.enrollments() + workload.events();

        progress.begin("stage 5 feedwatch at-least-once");
        Profiler.Session rec = profiler == null ? null : profiler.start("5");
        StreamsRuns.Running app = StreamsRuns.start(config.topology(), props, meter, null);
        StreamsRuns.Progress all;
        StreamsRuns.Progress budget;
        BenchResult.Profile profile;
        BenchResult.Latency latency;
        List<BenchResult.StoreSize> stores;
        try {
            budget = StreamsRuns.awaitProcessed(app, records, plan.stageBudget(), meter, n -> progress.update(n, records));
            all = budget.complete() ? budget : StreamsRuns.awaitProcessed(app, records, null, meter, n -> progress.update(n, records));
            profile = rec == null ? null : rec.stop(all.span());
            progress.end(summary(workload.events(), true, all.span()));

            progress.begin("stage 5 catch up, measure state");
            stores = catchUpAndMeasure(app, 0);
            latency = latency("5", app, workload.events() / all.span().seconds(), null, continuation);
        } finally {
            StreamsRuns.close(app.streams());
        }
        Path appState = stateRoot.resolve(SHARED_APP);
        BenchResult.State state = stateOf(stores, StateSizes.onDisk(appState));
        BenchResult.Restore restore = restore("stage 5", config, appState);
        String note = "FeedwatchTopology, processing.guarantee=at_least_once, commit.interval.ms=" + commitMs + " (default), "
                + THREADS + " stream thread, feedwatch.clock=event-time; processes the whole workload (enrollments first)";
        double rate = workload.events() / all.span().seconds();
        return new BenchResult.Stage("5", "feedwatch-alos", "feedwatch at-least-once", workload.events(), true, all.span().seconds(),
                rate, eventsIn(budget, workload) / budget.span().seconds(), List.of(rate), micros(all.span().appCpu(), workload.events()),
                micros(all.span().brokerCpu(), workload.events()), all.span().appCores(), all.span().brokerCores(), note, latency, state,
                restore, profile);
    }

    /**
     * Stage 6: throughput of a fresh exactly-once application over the same topic (within the stage budget), then latency
     * with stage 5's application switched to exactly-once, so that it does not have to process the workload once more.
     * That application holds the whole workload's state, so its maximum is estimated as stage 5's whole-workload rate
     * times this stage's ratio to stage 5 over the budget (a fresh application is faster at first, with little state).
     */
    private BenchResult.Stage feedwatchExactlyOnce(String stage, String id, String name, Duration commit, BenchResult.Workload workload,
            LatencyRun.Continuation continuation, BenchResult.Stage alos) {
        Wiring fresh = feedwatch("bench-" + id, StreamsConfig.EXACTLY_ONCE_V2, commit);
        long records = workload.enrollments() + workload.events();
        progress.begin("stage " + stage + " " + name);
        Profiler.Session rec = profiler == null ? null : profiler.start(stage);
        StreamsRuns.Running app = StreamsRuns.start(fresh.topology(), fresh.streamsProperties(), meter, null);
        StreamsRuns.Progress p;
        try {
            p = StreamsRuns.awaitProcessed(app, records, plan.stageBudget(), meter, n -> progress.update(n, records));
        } finally {
            StreamsRuns.close(app.streams());
            app.streams().cleanUp();
        }
        BenchResult.Profile profile = rec == null ? null : rec.stop(p.span());
        long events = eventsIn(p, workload);
        progress.end(summary(events, p.complete(), p.span()));

        Wiring shared = feedwatch(SHARED_APP, StreamsConfig.EXACTLY_ONCE_V2, commit);
        progress.begin("stage " + stage + " continue stage 5's state exactly-once");
        long committed = committedTotal(SHARED_APP);
        StreamsRuns.Running continued = StreamsRuns.start(shared.topology(), shared.streamsProperties(), meter, null);
        BenchResult.Latency latency;
        try {
            catchUpAndMeasure(continued, committed);
            double ratio = (events / p.span().seconds()) / alos.budgetEventsPerSecond();
            latency = latency(stage, continued, alos.eventsPerSecond() * ratio, commit, continuation);
        } finally {
            StreamsRuns.close(continued.streams());
        }
        String note = "FeedwatchTopology, processing.guarantee=exactly_once_v2, commit.interval.ms=" + commit.toMillis() + ", "
                + THREADS + " stream thread, feedwatch.clock=event-time; latency measured on stage 5's state, continued exactly-once, "
                + "at half of stage 5's whole-workload rate times this stage's ratio to stage 5 over the budget"
                + budgetNote(events, p.complete(), workload);
        double rate = events / p.span().seconds();
        return new BenchResult.Stage(stage, id, name, events, p.complete(), p.span().seconds(), rate, rate, List.of(rate),
                micros(p.span().appCpu(), events), micros(p.span().brokerCpu(), events), p.span().appCores(), p.span().brokerCores(),
                note, latency, null, null, profile);
    }

    /** Feeding events among the records processed: enrollments have the earlier timestamps, so they are processed first. */
    private static long eventsIn(StreamsRuns.Progress p, BenchResult.Workload workload) {
        return Math.max(0, p.processed() - workload.enrollments());
    }

    /**
     * Lets the application process everything in its input topics (earlier latency runs' load), then reads its stores.
     *
     * @param before input records its group had committed when this instance started: the processed-records counter
     *               starts at zero with each instance
     */
    private List<BenchResult.StoreSize> catchUpAndMeasure(StreamsRuns.Running app, long before) {
        long all = total(endOffsets(Topics.FEEDING_EVENTS)) + total(endOffsets(Topics.PARTICIPANTS));
        StreamsRuns.awaitProcessed(app, all - before, null, meter, n -> progress.update(n + before, all));
        List<BenchResult.StoreSize> stores = StateSizes.live(app.streams());
        progress.end(String.format(Locale.ROOT, "%,d live bytes in %d stores", stores.stream().mapToLong(BenchResult.StoreSize::bytes).sum(),
                stores.size()));
        return stores;
    }

    private BenchResult.Latency latency(String stage, StreamsRuns.Running app, double maxRate, Duration commit,
            LatencyRun.Continuation continuation) {
        double target = maxRate * plan.latencyLoadShare();
        progress.begin(String.format(Locale.ROOT, "stage %s latency at %,.0f events/s", stage, target));
        // long enough for the last probes' alerts when the application keeps up; what is still missing then is reported
        Duration drain = plan.latencyDuration().dividedBy(2).plus(commit == null ? Duration.ZERO : commit.multipliedBy(3));
        long expected = (long) (target * plan.latencyDuration().plus(LatencyRun.warmUp(plan.latencyDuration())).toNanos() / 1e9);
        BenchResult.Latency l = LatencyRun.run(bootstrap, continuation, target, plan.latencyDuration(), drain, meter,
                n -> progress.update(n, expected));
        progress.end(String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d/%d probes), machine %.0f%% busy", l.p50Millis(),
                l.p99Millis(), l.p999Millis(), l.probesReceived(), l.probesSent(), 100 * l.machineBusy()));
        return l;
    }

    private static BenchResult.State stateOf(List<BenchResult.StoreSize> stores, long diskBytes) {
        long participants = stores.stream().filter(s -> s.store().equals(StoreNames.PARTICIPANT_STATE))
                .mapToLong(BenchResult.StoreSize::entries).sum();
        long live = stores.stream().mapToLong(BenchResult.StoreSize::bytes).sum();
        BenchResult.StoreSize st = stores.stream().filter(s -> s.store().equals(StoreNames.PARTICIPANT_STATE)).findFirst().orElseThrow();
        double per = participants == 0 ? 0 : 1.0 / participants;
        return new BenchResult.State(participants, live, live * per, st.entries() == 0 ? 0 : (double) st.valueBytes() / st.entries(),
                diskBytes, diskBytes * per, stores);
    }

    /** Deletes the application's state directory and times rebuilding it from the changelogs. */
    private BenchResult.Restore restore(String label, Wiring config, Path appState) {
        progress.begin(label + " restore from changelogs");
        StateSizes.delete(appState);
        StreamsRuns.RestoreTimer timer = new StreamsRuns.RestoreTimer();
        Meter.Reading before = meter.read();
        StreamsRuns.Running app = StreamsRuns.start(config.topology(), config.streamsProperties(), meter, timer);
        try {
            double toRunning = Meter.between(before, app.ready()).seconds();
            BenchResult.Restore r = new BenchResult.Restore(toRunning, timer.restoring().toNanos() / 1e9, timer.records());
            progress.end(String.format(Locale.ROOT, "%,d records in %.1f s (%.1f s to RUNNING)", r.recordsRestored(), r.restoreSeconds(),
                    r.secondsToRunning()));
            return r;
        } finally {
            StreamsRuns.close(app.streams());
            StateSizes.delete(appState);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scaling

    /**
     * feedwatch at-least-once over another population, appended to the same topics: the application's group starts at
     * the current end of both input topics, so it reads only the new population.
     */
    private BenchResult.ScalingPoint scalingPoint(int size) {
        String appId = "bench-scaling-" + size;
        Map<TopicPartition, Long> start = new HashMap<>(endOffsets(Topics.FEEDING_EVENTS));
        start.putAll(endOffsets(Topics.PARTICIPANTS));
        commitOffsets(appId, start);
        Simulator simulator = Workloads.simulator(plan, size);
        long estimate = (long) (simulator.meanEventsPerDay() * size * plan.days());
        progress.begin(String.format(Locale.ROOT, "scaling: load %,d participants", size));
        Workloads.Loaded loaded = Workloads.load(bootstrap, simulator, List.of(), plan.from(), plan.to(), n -> progress.update(n, estimate));
        progress.end(String.format(Locale.ROOT, "%,d events", loaded.events()));

        Wiring config = feedwatch(appId, StreamsConfig.AT_LEAST_ONCE, null);
        long records = loaded.enrollments() + loaded.events();
        progress.begin(String.format(Locale.ROOT, "scaling: feedwatch at-least-once, %,d participants", size));
        StreamsRuns.Running app = StreamsRuns.start(config.topology(), config.streamsProperties(), meter, null);
        Meter.Span span;
        List<BenchResult.StoreSize> stores;
        try {
            span = StreamsRuns.awaitProcessed(app, records, null, meter, n -> progress.update(n, records)).span();
            stores = StateSizes.live(app.streams());
        } finally {
            StreamsRuns.close(app.streams());
        }
        double rate = loaded.events() / span.seconds();
        progress.end(String.format(Locale.ROOT, "%,.0f events/s", rate));
        Path appState = stateRoot.resolve(appId);
        BenchResult.State state = stateOf(stores, StateSizes.onDisk(appState));
        BenchResult.Restore restore = restore(String.format(Locale.ROOT, "scaling: %,d participants,", size), config, appState);
        return new BenchResult.ScalingPoint(size, loaded.events(), rate, micros(span.appCpu(), loaded.events()),
                state.liveBytesPerParticipant(), state.diskBytesPerParticipant(), restore);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kafka plumbing

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private void createTopics() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        TopicSetup.ensureTopics(p, plan.partitions(), (short) 1, Duration.ofSeconds(60));
        Map<String, String> future = Map.of(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));
        try (Admin admin = admin()) {
            await(admin.createTopics(List.of(
                    new NewTopic(BaselineTopologies.PASS_THROUGH_TOPIC, plan.partitions(), (short) 1),
                    new NewTopic(BaselineTopologies.NAIVE_ALERTS_TOPIC, plan.partitions(), (short) 1).configs(future))).all());
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < plan.partitions(); p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            await(admin.listOffsets(request).all()).forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }

    private long committedTotal(String group) {
        try (Admin admin = admin()) {
            return await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).values().stream()
                    .filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private void commitOffsets(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
        try (Admin admin = admin()) {
            await(admin.alterConsumerGroupOffsets(group, commit).all());
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("no answer from the broker in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The linger of the producer Kafka Streams creates (its own default unless configured): part of every alert's latency. */
    private long lingerOfStreamsProducer() {
        Properties p = feedwatch("bench-linger", StreamsConfig.AT_LEAST_ONCE, null).streamsProperties();
        Object linger = new StreamsConfig(p).getProducerConfigs("bench").get("linger.ms");
        return linger == null ? 5 : Long.parseLong(linger.toString());
    }

    static double micros(Duration cpu, long events) {
        return events == 0 ? 0 : cpu.toNanos() / 1000.0 / events;
    }
}
