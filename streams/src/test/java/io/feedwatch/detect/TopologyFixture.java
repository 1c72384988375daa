package io.feedwatch.detect;

import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
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
        Wiring wiring = Wiring.forReplay(config);
        Properties props = wiring.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fixture");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(wiring.topology(), props, Instant.EPOCH);
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
