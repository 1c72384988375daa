package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Old events leave the stores after allowed lateness + 24 h, and per-participant state does not grow with history. */
class StateBoundsTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void eventIdsAndSessionsArePrunedAfterLatenessPlusADay() {
        // the shortest id retention allowed: allowed lateness + 24 h (the default keeps ids a week)
        FeedwatchConfig config = FeedwatchConfig.defaults().with("feedwatch.detection.event-id.retention", "PT72H");
        try (TopologyFixture fx = new TopologyFixture(stateDir, config)) {
            TopologyTestDriver driver = fx.driver;
            fx.enroll("p-1", """
                    {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}""");
            KeyValueStore<String, Long> ids = driver.getKeyValueStore(StoreNames.EVENT_IDS);
            KeyValueStore<String, ParticipantState> states = driver.getKeyValueStore(StoreNames.PARTICIPANT_STATE);

            List<Integer> stateSizes = new ArrayList<>();
            // ten days, a feed every 2 h
            for (int i = 0; i < 10 * 12; i++) {
                Instant t = START.plus(Duration.ofHours(2L * i));
                fx.event("p-1", ("{\"eventId\":\"e-" + i + "\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"" + t + "\"}"));
                if (i % 12 == 11) {
                    stateSizes.add(states.get("p-1").encodedSize());
                }
            }
            Instant latest = START.plus(Duration.ofHours(2L * (10 * 12 - 1)));
            Instant cutoff = latest.minus(Duration.ofHours(48 + 24));
            List<Long> kept = new ArrayList<>();
            try (KeyValueIterator<String, Long> it = ids.all()) {
                it.forEachRemaining((KeyValue<String, Long> kv) -> kept.add(kv.value));
            }
            // nothing older than lateness + 24 h (+ the one-hour pruning step) is kept, and everything newer is
            assertThat(kept).allSatisfy(start -> assertThat(start).isGreaterThanOrEqualTo(cutoff.minus(Duration.ofHours(1)).toEpochMilli()));
            assertThat(kept).hasSizeBetween(36, 37);
            assertThat(ids.get("e-0")).isNull();
            assertThat(ids.get("e-" + (10 * 12 - 1))).isNotNull();
            // per-participant state stops growing once the frozen point moves: the same size on each of the last days
            assertThat(stateSizes.subList(4, stateSizes.size())).containsOnly(stateSizes.get(4));
            assertThat(states.get("p-1").raw.length + states.get("p-1").frozenSessions.length).isLessThan(60);
        }
    }
}
