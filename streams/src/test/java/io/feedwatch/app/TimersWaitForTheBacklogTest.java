package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the live wall clock, a task reports alerts only from its timer punctuation and only once it has read its input:
 * no alert for a time it has not read input up to, and no alert that data already in Kafka would withdraw.
 */
class TimersWaitForTheBacklogTest {
    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");

    @TempDir
    Path stateDir;

    /** A backlog the test controls; it records what the task said it had read. */
    private final Map<String, Long> lastAsked = new HashMap<>();
    private boolean caughtUp;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> participants;
    private TestInputTopic<byte[], byte[]> events;
    private TestOutputTopic<String, StaffAlert> alerts;

    private void start() {
        Wiring wiring = Wiring.from(FeedwatchConfig.defaults().with("feedwatch.clock", "wall"), NOW);
        InputBacklog backlog = (partition, next) -> {
            lastAsked.clear();
            lastAsked.putAll(next);
            return caughtUp;
        };
        Properties props = wiring.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "backlog-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(FeedwatchTopology.build(wiring.detection(), wiring.cases(), wiring.serdes(), backlog), props, NOW);
        ByteArraySerializer bytes = new ByteArraySerializer();
        participants = driver.createInputTopic(Topics.PARTICIPANTS, bytes, bytes, NOW, Duration.ZERO);
        events = driver.createInputTopic(Topics.FEEDING_EVENTS, bytes, bytes, NOW, Duration.ZERO);
        alerts = driver.createOutputTopic(Topics.STAFF_ALERTS, new StringDeserializer(),
                new AvroSingleObjectSerde<>(StaffAlert.class).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A newborn enrolled two days ago: with no data she has had a long gap since then. */
    private void enrollNewborn() {
        participants.pipeInput(utf8("p-1"), utf8("""
                {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-03-01","timeZone":"UTC","monitoringStart":"2026-03-01T12:00:00Z"}"""));
    }

    private void feed(String id, Instant start) {
        events.pipeInput(utf8("p-1"), utf8("{\"eventId\":\"" + id + "\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\""
                + start + "\"}"));
    }

    @Test
    void nothingIsReportedUntilTheTaskHasReadItsInput() {
        start();
        enrollNewborn();
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(alerts.isEmpty()).as("timers are due, but the task has not caught up").isTrue();
        assertThat(lastAsked).containsEntry(Topics.PARTICIPANTS, 1L);

        caughtUp = true;
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(alerts.readValuesToList()).extracting(StaffAlert::getStatus).contains(AlertStatus.OPEN);
    }

    @Test
    void aBackfillAlreadyInKafkaOpensNoAlertItsOwnRecordsWithdraw() {
        caughtUp = true;
        start();
        enrollNewborn();
        // 42 hours of history, every three hours, arriving at once: processed one by one, each event alone would leave a
        // long gap (and too few sessions) that the next one removes
        for (int i = 0; i < 15; i++) {
            feed("e-" + i, Instant.parse("2026-03-01T12:30:00Z").plus(Duration.ofHours(3L * i)));
        }
        assertThat(alerts.isEmpty()).as("reported by the timer, not by each event").isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(1));

        // what the whole history says at noon: the last feed was at 06:30, so 7 sessions in the 24 h to 09:30 and a gap
        // since 10:30; nothing else was ever sent
        List<StaffAlert> sent = alerts.readValuesToList();
        assertThat(sent).extracting(StaffAlert::getStatus, a -> a.getType().name(), StaffAlert::getRiskSince).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, "UNDER_FREQUENCY", Instant.parse("2026-03-03T09:30:00Z")),
                org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, "LONG_GAP", Instant.parse("2026-03-03T10:30:00Z")));
        assertThat(sent).allSatisfy(a -> assertThat(a.getDetectedAt()).isEqualTo(NOW.plusSeconds(1)));
        assertThat(lastAsked).containsEntry(Topics.FEEDING_EVENTS, 15L).containsEntry(Topics.PARTICIPANTS, 1L);
    }
}
