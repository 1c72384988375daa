package io.feedwatch.app;

import io.feedwatch.config.FeedwatchConfig;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The live application: creates missing topics (if configured), then runs the feedwatch topology on Kafka Streams. */
public final class FeedwatchApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedwatchApp.class);

    private final KafkaStreams streams;
    private final InputBacklog backlog;

    private FeedwatchApp(KafkaStreams streams, InputBacklog backlog) {
        this.streams = streams;
        this.backlog = backlog;
    }

    /** Starts the application now (an accelerated clock starts its origin at this moment). */
    public static FeedwatchApp start(FeedwatchConfig config) {
        return start(Wiring.from(config, java.time.Clock.systemUTC().instant()), null);
    }

    /** Starts the application; a listener, if any, is told of every state change (set before start, as Kafka Streams requires). */
    public static FeedwatchApp start(Wiring wiring, KafkaStreams.StateListener listener) {
        FeedwatchConfig config = wiring.config();
        if (config.getBoolean("feedwatch.topics.create")) {
            TopicSetup.ensureTopics(config.kafkaProperties(), config.getInt("feedwatch.topics.partitions"),
                    (short) config.getInt("feedwatch.topics.replication.factor"), Wiring.TOPIC_SETUP_TIMEOUT);
        }
        Wiring.LiveTopology live = wiring.liveTopology();
        KafkaStreams streams = new KafkaStreams(live.topology(), wiring.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            // records that fail are dead-lettered by the handlers; what reaches here is infrastructure (a fenced producer,
            // a record the broker refused): replacing the thread resumes from the last commit without losing anything
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        if (listener != null) {
            streams.setStateListener(listener);
        }
        streams.start();
        return new FeedwatchApp(streams, live.backlog());
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
        backlog.close();
    }
}
