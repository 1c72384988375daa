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

/**
 * The production topology in a TopologyTestDriver, for tests that look into its stores: with the replay clock (time is
 * the data), or with the wall clock of the live app, which here is the driver's own controlled clock.
 */
final class TopologyFixture implements AutoCloseable {
    final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> participants;
    private final TestInputTopic<byte[], byte[]> events;

    /** The replay clock: time is the latest accepted event start. */
    TopologyFixture(Path stateDir, FeedwatchConfig config) {
        this(stateDir, Wiring.forReplay(config, null), Instant.EPOCH);
    }

    /** The live wall clock, starting at {@code start}; it moves only with {@link #advance}. */
    static TopologyFixture wallClock(Path stateDir, FeedwatchConfig config, Instant start) {
        return new TopologyFixture(stateDir, Wiring.from(config.with("feedwatch.clock", "wall"), start), start);
    }

    private TopologyFixture(Path stateDir, Wiring wiring, Instant start) {
        Properties props = wiring.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fixture");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(wiring.topology(), props, start);
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

    /** Moves the driver's wall clock, firing the timer punctuation when its interval has passed. */
    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
