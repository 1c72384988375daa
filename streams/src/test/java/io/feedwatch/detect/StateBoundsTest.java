package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.schemas.state.EventIdBucket;
import io.feedwatch.schemas.state.ParticipantState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A participant's state stops growing: the duplicate window, sessions, alerts and days are all bounded. */
class StateBoundsTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void theDuplicateWindowAndSessionsArePrunedAsTheParticipantMovesOn() {
        // the shortest id retention allowed: allowed lateness + 24 h (the default keeps ids a week)
        FeedwatchConfig config = FeedwatchConfig.defaults().with("feedwatch.detection.event-id.retention", "PT72H");
        var bytes = new AvroSingleObjectSerde<>(ParticipantState.class).serializer();
        try (TopologyFixture fx = new TopologyFixture(stateDir, config)) {
            fx.enroll("p-1", """
                    {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}""");
            KeyValueStore<String, ParticipantState> states = fx.driver.getKeyValueStore(StoreNames.PARTICIPANT_STATE);

            List<Integer> stateSizes = new ArrayList<>();
            // ten days, a feed every 2 h
            for (int i = 0; i < 10 * 12; i++) {
                Instant t = START.plus(Duration.ofHours(2L * i));
                fx.event("p-1", "{\"eventId\":\"e-" + i + "\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"" + t + "\"}");
                if (i % 12 == 11) {
                    stateSizes.add(bytes.serialize(null, states.get("p-1")).length);
                }
            }
            ParticipantState state = states.get("p-1");
            Instant latest = START.plus(Duration.ofHours(2L * (10 * 12 - 1)));
            // ids accepted within retention of the latest start are kept (one bucket per hour), nothing older than the
            // retention plus the one-hour bucket
            assertThat(state.getEventIds()).allSatisfy(b -> assertThat(b.getAcceptedBefore()).isAfter(latest.minus(Duration.ofHours(72))));
            assertThat(state.getEventIds().stream().mapToInt(b -> b.getHashes().size()).sum()).isBetween(36, 37);
            assertThat(state.getEventIds()).extracting(EventIdBucket::getAcceptedBefore).isSorted();
            // the state stops growing once the frozen point moves: the same size on each of the last days
            assertThat(stateSizes.subList(4, stateSizes.size())).containsOnly(stateSizes.get(4));
            assertThat(state.getFrozenSessions().size() + state.getOpenStarts().size()).isLessThan(60);
            assertThat(state.getDays()).hasSizeLessThanOrEqualTo(4);
        }
    }
}
