package io.feedwatch.detect;

import io.feedwatch.app.DeadLetterHandlers;
import io.feedwatch.app.FeedwatchConfig;
import io.feedwatch.app.FeedwatchTopology;
import io.feedwatch.app.Topics;
import io.feedwatch.schemas.serde.SingleObjectSerdeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production topology in a TopologyTestDriver with the event-time clock, for tests that look into its stores. */
final class TopologyFixture implements AutoCloseable {
    final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> participants;
    private final TestInputTopic<byte[], byte[]> events;

    TopologyFixture(Path stateDir, FeedwatchConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fixture");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(DeadLetterHandlers.settings());
        DetectionSettings settings = DetectionSettings.from(config, Instant.EPOCH).withClock(new DetectionClock.EventTime());
        driver = new TopologyTestDriver(FeedwatchTopology.build(settings, new SingleObjectSerdeFactory()), props, Instant.EPOCH);
        ByteArraySerializer ser = new ByteArraySerializer();
        participants = driver.createInputTopic(Topics.PARTICIPANTS, ser, ser, Instant.EPOCH, Duration.ZERO);
        events = driver.createInputTopic(Topics.FEEDING_EVENTS, ser, ser, Instant.EPOCH, Duration.ZERO);
    }

    void enroll(String participantId, String json) {
        participants.pipeInput(bytes(participantId), bytes(json));
    }

    void event(String participantId, String json) {
        events.pipeInput(bytes(participantId), bytes(json));
    }

    /** Moves the wall clock, which the event-time clock follows when it is later than every event. */
    void advanceClockTo(Instant t) {
        driver.advanceWallClockTime(Duration.between(Instant.EPOCH, t));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
