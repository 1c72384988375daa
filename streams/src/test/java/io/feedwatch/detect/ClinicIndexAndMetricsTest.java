package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.StaffAlert;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-clinic index of open alerts follows the lifecycle, and feedwatch's counters reach the Streams metrics. */
class ClinicIndexAndMetricsTest {
    private static final String ENROLL = """
            {"participantId":"%s","clinicId":"%s","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}""";

    @TempDir
    Path stateDir;

    @Test
    void openAlertsAreListedPerClinicUntilResolved() {
        try (TopologyFixture fx = TopologyFixture.wallClock(stateDir, FeedwatchConfig.defaults(), Instant.parse("2026-03-01T00:00:00Z"))) {
            fx.enroll("p-1", ENROLL.formatted("p-1", "c-1"));
            fx.enroll("p-2", ENROLL.formatted("p-2", "c-2"));
            fx.advance(Duration.ofHours(5));
            KeyValueStore<String, StaffAlert> index = fx.driver.getKeyValueStore(StoreNames.OPEN_ALERTS_BY_CLINIC);
            assertThat(openIn(index, "c-1")).extracting(StaffAlert::getParticipantId, StaffAlert::getType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("p-1", AlertType.LONG_GAP));
            assertThat(openIn(index, "c-2")).extracting(StaffAlert::getParticipantId).containsExactly("p-2");

            // a feed ends p-1's long gap: her alert leaves the clinic's list, p-2's stays
            fx.event("p-1", """
                    {"eventId":"e-1","participantId":"p-1","type":"BREASTFEED","startTime":"2026-03-01T05:00:00Z"}""");
            // the live clock reports from its timer punctuation, once the task has read its input
            assertThat(openIn(index, "c-1")).hasSize(1);
            fx.advance(Duration.ofSeconds(1));
            assertThat(openIn(index, "c-1")).isEmpty();
            assertThat(openIn(index, "c-2")).hasSize(1);

            // p-2 moves to clinic c-1: her open alert moves with her
            fx.enroll("p-2", ENROLL.formatted("p-2", "c-1"));
            assertThat(openIn(index, "c-2")).isEmpty();
            assertThat(openIn(index, "c-1")).extracting(StaffAlert::getParticipantId, StaffAlert::getClinicId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("p-2", "c-1"));

            fx.event("p-1", "not json");
            assertThat(total(fx, "events-accepted-total", null)).isEqualTo(1.0);
            assertThat(total(fx, "events-rejected-total", "MALFORMED")).isEqualTo(1.0);
            assertThat(total(fx, "alerts-open-total", null)).isEqualTo(2.0);
            assertThat(total(fx, "alerts-resolved-total", null)).isEqualTo(1.0);
        }
    }

    private static List<StaffAlert> openIn(KeyValueStore<String, StaffAlert> index, String clinic) {
        List<StaffAlert> out = new ArrayList<>();
        try (KeyValueIterator<String, StaffAlert> it = index.prefixScan(clinic + '\u0000', new org.apache.kafka.common.serialization.StringSerializer())) {
            it.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    /** Sum over tasks of a feedwatch counter (optionally for one rejection reason). */
    private static double total(TopologyFixture fx, String name, String reason) {
        double sum = 0;
        for (var e : fx.driver.metrics().entrySet()) {
            MetricName n = e.getKey();
            Metric m = e.getValue();
            if (n.name().equals(name) && n.group().contains("feedwatch") && (reason == null || reason.equals(n.tags().get("reason")))) {
                sum += ((Number) m.metricValue()).doubleValue();
            }
        }
        return sum;
    }
}
