package io.feedwatch.app;

import io.feedwatch.cases.CaseSettings;
import io.feedwatch.config.ConfigException;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.detect.DetectionClock;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.detect.Policy;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Everything built from feedwatch's configuration, in one place: the detection settings, the serde factory (loaded and
 * configured once), the topology, and the properties of Kafka Streams and of every plain Kafka client. Every command
 * that talks to Kafka or runs the topology ({@code run}, {@code demo}, {@code replay}, {@code bench}, {@code redrive},
 * {@code export}) gets them from here, so that their settings cannot drift apart.
 *
 * <p>{@link #from} parses every setting before anything contacts Kafka, so a typo fails at once with a one-line
 * {@link ConfigException}.
 */
public final class Wiring {
    /**
     * The configured serde factory instance, passed to the dead-letter handlers through the Streams configuration (Kafka
     * Streams instantiates them itself), so that they write exactly what the topology's dead-letter sink writes.
     */
    static final String SERDES_INSTANCE = "feedwatch.serde.factory.instance";

    private final FeedwatchConfig config;
    private final SerdeFactory serdes;
    private final DetectionSettings detection;
    private final CaseSettings cases;

    private Wiring(FeedwatchConfig config, SerdeFactory serdes, DetectionSettings detection, CaseSettings cases) {
        this.config = config;
        this.serdes = serdes;
        this.detection = detection;
        this.cases = cases;
    }

    /** @param startedAt anchors an accelerated detection clock (read by the caller, never here) */
    public static Wiring from(FeedwatchConfig config, Instant startedAt) {
        DetectionSettings detection = detectionSettings(config, startedAt);
        CaseSettings cases = caseSettings(config);
        SerdeFactory serdes;
        try {
            serdes = SerdeFactory.load(config.get(SerdeFactory.CONFIG_KEY, null));
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException(e.getMessage());
        }
        serdes.configure(config.asMap());
        return new Wiring(config, serdes, detection, cases);
    }

    /** For replay: the same configuration with the replay clock, which follows the data and never passes {@code until}. */
    public static Wiring forReplay(FeedwatchConfig config, Instant until) {
        Wiring w = from(config.with("feedwatch.clock", "event-time"), Instant.EPOCH);
        return new Wiring(w.config, w.serdes, w.detection.withClock(new DetectionClock.Replay(until)), w.cases);
    }

    public FeedwatchConfig config() {
        return config;
    }

    public SerdeFactory serdes() {
        return serdes;
    }

    public DetectionSettings detection() {
        return detection;
    }

    public CaseSettings cases() {
        return cases;
    }

    /** The topology for replay and tests: every input is there, no backlog to wait for. */
    public Topology topology() {
        return FeedwatchTopology.build(detection, cases, serdes, InputBacklog.none());
    }

    /**
     * The topology for a live application, and what it needs closed with it: with a clock of its own, a task asks the
     * brokers whether it has read its input before it reports (see {@link InputBacklog}).
     */
    LiveTopology liveTopology() {
        InputBacklog backlog = detection.clock().followsData() ? InputBacklog.none()
                : InputBacklog.admin(adminProperties("backlog"), config.get("application.id"), Topics.INPUTS);
        return new LiveTopology(FeedwatchTopology.build(detection, cases, serdes, backlog), backlog);
    }

    record LiveTopology(Topology topology, InputBacklog backlog) {
    }

    /**
     * Kafka Streams' properties: every non-feedwatch key of the configuration, the dead-letter handlers, explicit
     * naming of internal resources (an unnamed store would get a generated name that changes with the topology), and a
     * state directory under the system temp directory unless one is configured.
     */
    public Properties streamsProperties() {
        Properties props = config.kafkaProperties();
        props.putAll(DeadLetterHandlers.settings());
        props.put(SERDES_INSTANCE, serdes);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        if (!props.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "feedwatch-state").toString());
        }
        return props;
    }

    /** A producer's properties: the configuration's Kafka settings a producer knows (bootstrap, security), and its client id. */
    public Properties producerProperties(String role) {
        return producerProperties(config, role);
    }

    /** The same, for a command that produces without building the topology's wiring ({@code simulate}). */
    public static Properties producerProperties(FeedwatchConfig config, String role) {
        return clientProperties(config, ProducerConfig.configNames(), role);
    }

    public Properties consumerProperties(String role) {
        return clientProperties(config, ConsumerConfig.configNames(), role);
    }

    public Properties adminProperties(String role) {
        return clientProperties(config, AdminClientConfig.configNames(), role);
    }

    /** Only the keys a plain client knows, so that none is reported as unused (Streams-only keys would be). */
    private static Properties clientProperties(FeedwatchConfig config, Set<String> known, String role) {
        Properties p = new Properties();
        config.kafkaProperties().forEach((k, v) -> {
            if (known.contains((String) k)) {
                p.put(k, v);
            }
        });
        p.put("client.id", config.get("application.id") + "-" + role);
        return p;
    }

    static DetectionSettings detectionSettings(FeedwatchConfig config, Instant startedAt) {
        Policy policy;
        try {
            policy = Policy.parse(config.get("feedwatch.policy"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("feedwatch.policy: " + e.getMessage());
        }
        try {
            return new DetectionSettings(policy,
                    config.getDuration("feedwatch.detection.session.merge"),
                    config.getDuration("feedwatch.detection.allowed.lateness"),
                    config.getDuration("feedwatch.detection.future.tolerance"),
                    config.getDuration("feedwatch.detection.event-id.retention"),
                    config.getDuration("feedwatch.detection.punctuation.interval"),
                    clock(config, startedAt));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static CaseSettings caseSettings(FeedwatchConfig config) {
        try {
            return new CaseSettings(config.getDuration("feedwatch.cases.notify-delay"), config.getDuration("feedwatch.cases.escalate-after"),
                    config.getDuration("feedwatch.cases.quiet-period"), config.getDuration("feedwatch.cases.max-snooze"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** From {@code feedwatch.clock} (wall | accelerated | event-time); {@code startedAt} anchors the accelerated clock. */
    static DetectionClock clock(FeedwatchConfig config, Instant startedAt) {
        String kind = config.get("feedwatch.clock");
        return switch (kind) {
            case "wall" -> new DetectionClock.Wall();
            case "event-time" -> new DetectionClock.EventTime();
            case "accelerated" -> {
                Instant origin = config.getInstantOrNull("feedwatch.clock.origin");
                double speed = config.getDouble("feedwatch.clock.speed");
                if (!(speed > 0) || Double.isInfinite(speed)) {
                    throw new ConfigException("feedwatch.clock.speed must be a positive number, got " + speed);
                }
                yield new DetectionClock.Accelerated(origin == null ? startedAt : origin, startedAt, speed);
            }
            default -> throw new ConfigException("feedwatch.clock must be wall, accelerated or event-time, got '" + kind + "'");
        };
    }

    /** How long Kafka may take to answer a start-up request (topic creation). */
    static final Duration TOPIC_SETUP_TIMEOUT = Duration.ofSeconds(60);
}
