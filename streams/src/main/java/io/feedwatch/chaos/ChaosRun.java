package io.feedwatch.chaos;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedCluster;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.ingest.EventJson;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.Participant;
import io.feedwatch.simulate.SimulationSettings;
import io.feedwatch.simulate.Simulator;
import io.feedwatch.simulate.TimedEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One chaos run: a local cluster, app instances as child JVMs, a seeded workload fed over HTTP and Kafka while a seeded
 * plan of faults is injected, a drain, and the check against replay of the accepted input. Everything it starts is
 * stopped when it returns, whatever happened.
 */
public final class ChaosRun {
    static final String APPLICATION_ID = "feedwatch-chaos";
    private static final String BROKER_HEAP = "384m";
    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(5);
    /** Outputs unchanged over this many consecutive looks, 200 ms apart (3 s), with lag 0: nothing is left to do. */
    private static final int STABLE_LOOKS = 15;
    private static final int EXAMPLES = 10;

    private final ChaosSettings settings;
    private final PrintWriter progress;
    private final long started = System.nanoTime();
    private final List<String> incidents = new ArrayList<>();

    public ChaosRun(ChaosSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public ChaosReport run() throws IOException, InterruptedException {
        String startedAt = Instant.now().toString();
        Path work = settings.out().resolve("work");
        say("starting a %d-node Kafka cluster", settings.brokers());
        try (EmbeddedCluster cluster = EmbeddedCluster.start(settings.brokers(),
                new BrokerOptions(0, 0, work.resolve("cluster"), false, BROKER_HEAP))) {
            Properties client = new Properties();
            client.put("bootstrap.servers", cluster.bootstrapServers());
            TopicSetup.ensureTopics(client, settings.partitions(), cluster.replicationFactor(), Duration.ofMinutes(1));
            Map<String, String> appSettings = appSettings(cluster);
            FeedwatchConfig config = FeedwatchConfig.defaults().with(appSettings).with("bootstrap.servers", cluster.bootstrapServers());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            List<AppInstance> instances = new ArrayList<>();
            for (int i = 0; i < settings.instances(); i++) {
                instances.add(new AppInstance(i, cluster.bootstrapServers(), freePort(), work.resolve("instance-" + (i + 1)), appSettings, http));
            }
            try (Admin admin = Admin.create(client); Producer<String, byte[]> producer = producer(cluster.bootstrapServers())) {
                return runWith(cluster, instances, admin, producer, http, config, client, startedAt);
            } finally {
                instances.forEach(AppInstance::close);
            }
        }
    }

    private ChaosReport runWith(EmbeddedCluster cluster, List<AppInstance> instances, Admin admin, Producer<String, byte[]> producer,
                                HttpClient http, FeedwatchConfig config, Properties client, String startedAt)
            throws IOException, InterruptedException {
        say("cluster ready at %s; starting %d app instances", cluster.bootstrapServers(), instances.size());
        for (AppInstance instance : instances) {
            instance.deleteState();
            instance.start();
        }
        if (Waiting.secondsUntil(() -> instances.stream().allMatch(AppInstance::ready), START_DEADLINE) < 0) {
            throw new IllegalStateException("the app instances were not ready within " + START_DEADLINE.toMinutes()
                    + " min; see the instance logs in " + settings.out().resolve("work"));
        }
        Simulator simulator = new Simulator(SimulationSettings.of(settings.seed(), settings.participants(), settings.atRiskShare(),
                settings.origin()).withFaultRate(SimulationSettings.DEFAULT_FAULT_RATE));
        List<String> enrollments = enroll(simulator, producer);
        List<TimedEvent> records = simulator.stream(simulator.historyStart(), settings.origin().plus(Duration.ofDays(settings.days()))).toList();
        say("instances ready; %d participants enrolled; feeding %d records over %d s with %d faults",
                enrollments.size(), records.size(), settings.feedFor().toSeconds(), settings.faults());

        Lag lag = new Lag(admin, APPLICATION_ID);
        Workload workload = new Workload(records, producer, instances, http, settings.feedFor(), settings.seed());
        Thread feeder = new Thread(workload, "chaos-workload");
        long feedStart = System.nanoTime();
        feeder.start();
        List<FaultResult> results = new ArrayList<>();
        try {
            FaultInjector injector = new FaultInjector(instances, cluster, lag);
            List<Fault> plan = FaultPlan.of(settings.seed(), settings.faults(), settings.instances(), settings.brokers(), settings.feedFor());
            for (Fault fault : plan) {
                long due = feedStart + fault.after().toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
                double at = (System.nanoTime() - feedStart) / 1e9;
                FaultResult r = injector.inject(fault, at);
                results.add(r);
                say("fault %d/%d %s %s at %.1f s: ready after %s, caught up after %s (%d/%d records sent)", fault.index(), plan.size(),
                        fault.kind(), fault.targetName(), at, seconds(r.readySeconds()), seconds(r.caughtUpSeconds()),
                        workload.sentSoFar(), workload.total());
            }
            feeder.join();
        } finally {
            // after a failure or Ctrl-C: no more batches, no waiting out a pause between them
            feeder.interrupt();
            feeder.join();
        }
        say("workload sent; draining");
        drain(instances, lag, cluster);
        say("drained; replaying the accepted input per partition and comparing");
        Verification.Outcome outcome = new Verification(config, client, settings.partitions()).check(enrollments, workload.ledger());
        Map<Difference.Kind, Long> byKind = new EnumMap<>(Difference.Kind.class);
        outcome.differences().forEach(d -> byKind.merge(d.kind(), 1L, Long::sum));
        return new ChaosReport(settings, startedAt, elapsed(), results, outcome.accounting(), byKind,
                outcome.differences().stream().limit(EXAMPLES).toList(), List.copyOf(incidents));
    }

    /**
     * Waits until the group has read every input (lag 0) and the outputs stop changing. An instance found dead here
     * exited by itself, which no fault does: it is an incident, and is started again so that the drain can finish.
     */
    private void drain(List<AppInstance> instances, Lag lag, EmbeddedCluster cluster) throws IOException, InterruptedException {
        List<String> outputs = List.of(Topics.STAFF_ALERTS, Topics.DAILY_SUMMARIES, Topics.REJECTED_EVENTS, Topics.CASES);
        long[] last = {-2};
        int[] stable = {0};
        for (AppInstance instance : instances) {
            if (!instance.alive()) {
                incidents.add(instance.name() + " had exited by itself before the drain");
                say("%s had exited by itself; starting it again", instance.name());
                instance.start();
            }
        }
        double drained = Waiting.secondsUntil(() -> {
            long ends = lag.endOffsets(outputs);
            boolean quiet = lag.total() == 0 && ends >= 0 && ends == last[0];
            stable[0] = quiet ? stable[0] + 1 : 0;
            last[0] = ends;
            return stable[0] >= STABLE_LOOKS;
        }, DRAIN_DEADLINE);
        if (drained < 0) {
            incidents.add("the drain did not finish within " + DRAIN_DEADLINE.toMinutes() + " min (lag " + lag.total() + ")");
        }
    }

    /** The configuration every instance shares: the documented defaults except what a chaos run is about, then the user's. */
    private Map<String, String> appSettings(EmbeddedCluster cluster) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("application.id", APPLICATION_ID);
        // the live result must equal replay: detection follows the data only
        s.put("feedwatch.clock", "event-time");
        s.put("num.standby.replicas", "1");
        s.put("replication.factor", Short.toString(cluster.replicationFactor()));
        s.put("feedwatch.topics.create", "false");
        // a zombie is found out, and a killed instance's tasks move, within seconds
        s.put("session.timeout.ms", Long.toString(FaultInjector.SESSION_TIMEOUT.toMillis()));
        s.put("heartbeat.interval.ms", Long.toString(FaultInjector.SESSION_TIMEOUT.toMillis() / 4));
        s.putAll(settings.appSettings());
        return s;
    }

    /** Enrollments first, each acknowledged: replay reads them before the events, so the live app must have them too. */
    private List<String> enroll(Simulator simulator, Producer<String, byte[]> producer) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Participant p : simulator.participants()) {
            String line = EventJson.participant(p);
            lines.add(line);
            acks.add(producer.send(new ProducerRecord<>(Topics.PARTICIPANTS, p.getParticipantId(), line.getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("an enrollment was not acknowledged: " + e.getCause(), e.getCause());
            }
        }
        return lines;
    }

    private static Producer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "feedwatch-chaos-driver");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String seconds(double s) {
        return s < 0 ? "(not within the deadline)" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private void say(String format, Object... args) {
        progress.printf(Locale.ROOT, "[%6.1f s] %s%n", elapsed(), String.format(Locale.ROOT, format, args));
        progress.flush();
    }
}
