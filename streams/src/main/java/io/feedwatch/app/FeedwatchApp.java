package io.feedwatch.app;

import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live application: creates missing topics (if configured), then runs the feedwatch topology on Kafka Streams. */
public final class FeedwatchApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedwatchApp.class);

    private final KafkaStreams streams;

    private FeedwatchApp(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Starts the application now (an accelerated clock starts its origin at this moment). */
    public static FeedwatchApp start(FeedwatchConfig config) {
        return start(config, java.time.Clock.systemUTC().instant(), null);
    }

    /** Starts the application; {@code startedAt} anchors an accelerated detection clock (read by the caller). */
    public static FeedwatchApp start(FeedwatchConfig config, Instant startedAt) {
        return start(config, startedAt, null);
    }

    /** Same, with a listener told of every state change (set before start, as Kafka Streams requires). */
    public static FeedwatchApp start(FeedwatchConfig config, Instant startedAt, KafkaStreams.StateListener listener) {
        // every setting is checked before Kafka is contacted, so a typo fails at once, not after a connection timeout
        DetectionSettings settings = DetectionSettings.from(config, startedAt);
        SerdeFactory serdes = SerdeFactory.load(config.get(SerdeFactory.CONFIG_KEY, null));
        serdes.configure(config.asMap());
        if (config.getBoolean("feedwatch.topics.create")) {
            TopicSetup.ensureTopics(config.kafkaProperties(), config.getInt("feedwatch.topics.partitions"),
                    (short) config.getInt("feedwatch.topics.replication.factor"), Duration.ofSeconds(60));
        }
        KafkaStreams streams = new KafkaStreams(FeedwatchTopology.build(settings, serdes), streamsProperties(config));
        streams.setUncaughtExceptionHandler(e -> {
            // records that fail are dead-lettered by the handlers; what reaches here is infrastructure (e.g. a fenced
            // producer): replacing the thread resumes from the last commit without losing anything
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        if (listener != null) {
            streams.setStateListener(listener);
        }
        streams.start();
        return new FeedwatchApp(streams);
    }

    static Properties streamsProperties(FeedwatchConfig config) {
        Properties props = config.kafkaProperties();
        props.putAll(DeadLetterHandlers.settings());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        if (!props.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "feedwatch-state").toString());
        }
        return props;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
